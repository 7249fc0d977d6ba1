using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Snapshots;

/// <summary>The snapshot's rows from a loaded plan, exactly as the database would hold them
/// after importing it (see <c>Dependency.FromPlan</c> for how <c>dependsOn</c> becomes rows).</summary>
internal static class PlanSource
{
    public static SnapshotSource Read(Plan plan)
    {
        var source = new SnapshotSource();
        foreach (var document in plan.Documents)
        {
            var metadata = document.Metadata;
            switch (document.Spec)
            {
                case BusinessFunctionSpec function:
                    var objectives = function.Objectives;
                    source.Functions.Add(new FunctionRow(metadata.Name, metadata.Title, metadata.Labels, function.Team?.Name, function.Tier,
                        objectives?.Mtpd?.Minutes, objectives?.Rto?.Minutes, objectives?.Rpo?.Minutes));
                    AddDependencies(source.Dependencies, NodeKind.Function, metadata.Name, function.DependsOn);
                    break;
                case SystemSpec system:
                    source.Systems.Add(new SystemRow(metadata.Name, metadata.Title, metadata.Labels,
                        system.Type is SystemType.Database or SystemType.DataStore, system.Team?.Name, system.Tier,
                        system.Objectives?.Rto?.Minutes, system.Objectives?.Rpo?.Minutes,
                        system.Restore?.Estimated?.Minutes, system.Restore?.Measured?.Minutes, system.ReplicationLag?.Minutes,
                        system.Vendor?.Name, system.Hosting?.Sites.ConvertAll(site => site.Name),
                        system.Hosting?.RecoverySites.ConvertAll(site => site.Name), system.Restore?.ByVendor ?? false));
                    AddDependencies(source.Dependencies, NodeKind.System, metadata.Name, system.DependsOn);
                    break;
                case VendorSpec vendor:
                    source.Vendors.Add(new VendorRow(metadata.Name, metadata.Title, metadata.Labels, vendor.ContractualRto?.Minutes));
                    AddDependencies(source.Dependencies, NodeKind.Vendor, metadata.Name, vendor.DependsOn);
                    break;
                case SiteSpec site:
                    source.Sites.Add(new SiteRow(metadata.Name, metadata.Title, metadata.Labels, site.Region, site.Within?.Name, site.Vendor?.Name));
                    break;
                case PersonSpec person:
                    source.People.Add(new PersonRow(metadata.Name, metadata.Title, metadata.Labels, person.Active));
                    break;
                case RoleSpec role:
                    source.Roles.Add(new RoleRow(metadata.Name, metadata.Title, metadata.Labels));
                    foreach (var assignment in role.Assignments ?? [])
                    {
                        foreach (var holder in assignment.Holders ?? [])
                        {
                            source.Holders.Add(new HolderRow(metadata.Name, holder.Name));
                        }
                    }
                    break;
                case BackupPolicySpec backup:
                    source.BackupPolicies.Add(new BackupRow(metadata.Name, backup.System?.Name, backup.Frequency?.Minutes));
                    break;
                case TeamSpec:
                    source.Teams.Add(metadata.Name);
                    break;
                default:
                    break;
            }
        }
        return source;
    }

    private static void AddDependencies(List<DependencyRow> rows, NodeKind dependentKind, string dependent, List<DependencySpec>? dependsOn)
    {
        var position = 0;
        var group = 0;
        foreach (var entry in dependsOn ?? [])
        {
            var degraded = entry.Type == DependencyType.Degraded;
            if (entry.On is { } target && entry.AnyOf is not { Count: > 0 })
            {
                rows.Add(new DependencyRow((int)dependentKind, dependent, position++, null, SnapshotSource.NodeKindOf(target.Kind), target.Name, degraded));
            }
            else if (entry.On is null && entry.AnyOf is { Count: > 0 } members)
            {
                group++;
                foreach (var member in members)
                {
                    rows.Add(new DependencyRow((int)dependentKind, dependent, position++, group, SnapshotSource.NodeKindOf(member.Kind), member.Name, degraded));
                }
            }
            else
            {
                throw new ArgumentException(
                    $"A dependency of {ElementKinds.Slug(SnapshotSource.ElementKindOf(dependentKind))}:{dependent} must name either 'on' or 'anyOf'; "
                    + "analyse only plans that load without errors.", nameof(dependsOn));
            }
        }
    }
}
