using System.Globalization;
using System.Text.RegularExpressions;
using Continuity.PlanFiles;

namespace Continuity.Catalog;

/// <summary>The field path of a reference (<c>spec.steps[2].responsible</c>) in a continuity
/// manager's words, both ways: what the referenced element is to the referrer ("responsible for
/// step 3 of"), and what the referrer calls it ("Step 3: responsible").</summary>
public static partial class ReferenceWords
{
    /// <summary>The words for a reference at <paramref name="path"/> of an element of kind <paramref name="from"/>.</summary>
    public static (string Incoming, string Outgoing) Of(ElementKind from, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var indices = Index().Matches(path).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var shape = Index().Replace(path, "[]");
        string Nth(int i) => (indices.Count > i ? indices[i] + 1 : 1).ToString(CultureInfo.InvariantCulture);

        if (shape == "metadata.owner")
        {
            return ("owner of", "Owner");
        }
        if (shape.StartsWith("spec.callTrees[].root", StringComparison.Ordinal))
        {
            return ($"in call tree {Nth(0)} of", $"Call tree {Nth(0)}");
        }
        return (from, shape) switch
        {
            (ElementKind.Site, "spec.within") => ("contains site", "Within"),
            (ElementKind.Site, "spec.vendor") => ("runs site", "Run by"),
            (ElementKind.Team, "spec.parent") => ("parent team of", "Part of"),
            (ElementKind.Team, "spec.manager") => ("manager of team", "Manager"),
            (ElementKind.Team, "spec.continuityCoordinator") => ("continuity coordinator of", "Continuity coordinator"),
            (ElementKind.Person, "spec.location") => ("workplace of", "Works at"),
            (ElementKind.Person, "spec.team") => ("team of", "Member of"),
            (ElementKind.Person, "spec.manager") => ("manager of", "Manager"),
            (ElementKind.Role, "spec.assignments[].team") => ("team of an assignment of role", "Assignment for team"),
            (ElementKind.Role, "spec.assignments[].holders[]") => indices.Count > 1 && indices[1] > 0
                ? ($"alternate {indices[1].ToString(CultureInfo.InvariantCulture)} (in succession) for", $"Alternate {indices[1].ToString(CultureInfo.InvariantCulture)}")
                : ("primary holder of", "Primary holder"),
            (ElementKind.Role, "spec.assignments[].recovers[]") => ("recovered by holders of", "Recovers"),
            (_, "spec.team") => ("owning team of", "Team"),
            (ElementKind.BusinessFunction, "spec.objectives.approved.by") => ("approved the objectives of", "Objectives approved by"),
            (ElementKind.System, "spec.businessOwner") => ("business owner of", "Business owner"),
            (ElementKind.System, "spec.technicalOwner") => ("technical owner of", "Technical owner"),
            (ElementKind.System, "spec.vendor") => ("supplies", "Supplied by"),
            (ElementKind.System, "spec.hosting.sites[]") => ("hosts", "Hosted at"),
            (ElementKind.System, "spec.hosting.recoverySites[]") => ("recovery site of", "Can be restored at"),
            (ElementKind.Vendor, "spec.alternate") => ("alternate vendor for", "Alternate vendor"),
            (ElementKind.Risk, "spec.affects[]") => ("affected by risk", "Affects"),
            (ElementKind.Scenario, "spec.risks[]") => ("realised in scenario", "Risk"),
            (ElementKind.Scenario, "spec.fails[]") => ("fails in scenario", "Fails"),
            (ElementKind.Procedure, "spec.scenarios[]") => ("handled by procedure", "For scenario"),
            (ElementKind.Procedure, "spec.recovers[]") => ("recovered by procedure", "Recovers"),
            (ElementKind.Procedure, "spec.steps[].responsible") => ($"responsible for step {Nth(0)} of", $"Step {Nth(0)}: responsible"),
            (ElementKind.Procedure, "spec.steps[].backup") => ($"backup for step {Nth(0)} of", $"Step {Nth(0)}: backup"),
            (ElementKind.Procedure, "spec.steps[].communicate[].from") => ($"informs others at step {Nth(0)} of", $"Step {Nth(0)}: informs"),
            (ElementKind.Procedure, "spec.steps[].vendor") => ($"called at step {Nth(0)} of", $"Step {Nth(0)}: call vendor"),
            (ElementKind.CommunicationPlan, "spec.audiences[].releasedBy") => ("releases messages in", "Releases messages"),
            (ElementKind.BackupPolicy, "spec.system") => ("backed up by", "Backs up"),
            (ElementKind.BackupPolicy, "spec.storage.site") => ("stores backups of", "Stored at"),
            (ElementKind.BackupPolicy, "spec.offsite.site") => ("keeps offsite copies of", "Offsite copy at"),
            (ElementKind.Organisation, "spec.waivers[].element") => ("waiver in", "Waiver for"),
            (ElementKind.Organisation, "spec.waivers[].owner") => ("waiver owner in", "Waiver owner"),
            _ => ($"named ({path}) in", path),
        };
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();
}
