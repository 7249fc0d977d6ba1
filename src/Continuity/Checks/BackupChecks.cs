using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>CT4xx: every critical system that holds data has a monitored backup policy with an
/// offsite copy, an additional full local backup and restore validation, a stated frequency, and
/// evidence that a restore works.</summary>
internal static class BackupChecks
{
    public static void Run(CheckRun run)
    {
        var systems = run.Snapshot.NodesOf(NodeKind.System);
        var first = systems.Start.Value;
        var policies = new List<(PlanDocument Document, BackupPolicySpec Spec)>?[systems.End.Value - first];
        foreach (var document in run.BackupPolicies)
        {
            var spec = (BackupPolicySpec)document.Spec;
            if (run.NodeOf(NodeKind.System, spec.System?.Name) is >= 0 and var system)
            {
                (policies[system - first] ??= []).Add((document, spec));
            }
        }

        for (var s = first; s < systems.End.Value; s++)
        {
            if (!run.Critical[s] || run.Documents[s]?.Spec is not SystemSpec system)
            {
                continue;
            }
            var covering = policies[s - first];
            if (covering is null)
            {
                if (system.Type is SystemType.Database or SystemType.DataStore || system.Objectives?.Rpo is not null)
                {
                    var what = system.Type is SystemType.Database or SystemType.DataStore ? "holds data" : "has an RPO";
                    run.Report(CheckCatalogue.NoBackupPolicy, s,
                        $"{run.Subject(s)} {what} and is needed by critical functions, but no backup policy covers it.",
                        run.AtElement(s));
                }
                continue;
            }
            Policies(run, s, system, covering);
        }
    }

    private static void Policies(CheckRun run, int s, SystemSpec system, List<(PlanDocument Document, BackupPolicySpec Spec)> covering)
    {
        var (firstDocument, firstSpec) = covering[0];
        var policyId = CheckRun.IdOf(firstDocument);
        var names = string.Join(", ", covering.Select(p => p.Document.Name));
        var policyWord = covering.Count == 1 ? $"backup policy {names}" : $"backup policies {names}";

        if (!covering.Any(p => HasOffsiteCopy(p.Spec)))
        {
            var where = firstSpec.Storage?.Site?.Name is { } site ? $" are kept only in {site}" : " have no offsite copy";
            var sameSite = covering.Any(p => p.Spec.Offsite is not null) ? " (the offsite copy is in the same site as the backups)" : "";
            run.Report(CheckCatalogue.NoOffsiteCopy, policyId,
                $"The backups of {run.Describe(s)} ({policyWord}){where}{sameSite}: losing that site, or an attacker deleting them, loses every copy.",
                run.At(firstSpec, firstSpec.Offsite is null ? "storage" : "offsite"));
        }
        if (!covering.Any(p => p.Spec.LocalFullBackup is not null))
        {
            run.Report(CheckCatalogue.NoLocalFullBackup, policyId,
                $"{run.Subject(s)} has no additional full local backup ({policyWord}).",
                run.AtElement(firstDocument));
        }
        var validated = covering.Any(p => p.Spec.RestoreValidation is not null);
        var measured = system.Restore?.Measured is not null;
        if (!validated && !measured)
        {
            var estimate = system.Restore?.Estimated is { } estimated ? $"; its {CheckRun.Minutes(estimated.Minutes)} restore estimate is untested" : "";
            run.Report(CheckCatalogue.RestoreNeverTested, s,
                $"No evidence yet that {run.Describe(s)} can be restored: it has no measured restore time, and {policyWord} {(covering.Count == 1 ? "has" : "have")} no restore validation{estimate}.",
                run.At(system, "restore") ?? run.AtElement(s));
        }
        else if (!validated)
        {
            run.Report(CheckCatalogue.NoRestoreValidation, policyId,
                $"{run.Subject(s)} was restored once ({CheckRun.Minutes(system.Restore!.Measured!.Value.Minutes)} measured), but {policyWord} plans no regular restore validation.",
                run.AtElement(firstDocument));
        }
        var frequencyKnown = covering.Any(p => p.Spec.Frequency is not null);
        foreach (var (document, _) in covering.Where(p => p.Spec.Frequency is null))
        {
            var consequence = frequencyKnown ? "" : ", so the recovery point of its data is unknown and the RPOs that rely on it are not checked";
            run.Report(CheckCatalogue.BackupWithoutFrequency, CheckRun.IdOf(document),
                $"Backup policy {document.Name} of {run.Describe(s)} states no frequency{consequence}.",
                run.AtElement(document));
        }
        if (!covering.Any(p => !string.IsNullOrWhiteSpace(p.Spec.Monitoring)))
        {
            run.Report(CheckCatalogue.BackupsNotMonitored, policyId,
                $"Nothing monitors the backups of {run.Describe(s)} ({policyWord}).",
                run.AtElement(firstDocument));
        }
    }

    /// <summary>An offsite copy counts when it is somewhere other than the backups themselves.</summary>
    private static bool HasOffsiteCopy(BackupPolicySpec policy) =>
        policy.Offsite is { } offsite
        && (offsite.Site is not null || !string.IsNullOrWhiteSpace(offsite.Location))
        && (offsite.Site is null || policy.Storage?.Site is null || offsite.Site.Name != policy.Storage.Site.Name);
}
