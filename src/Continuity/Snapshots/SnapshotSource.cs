using Continuity.Analysis;
using Continuity.PlanFiles;

namespace Continuity.Snapshots;

// The one shape both sources produce: the plan (PlanSource) and the database (DatabaseSource)
// each fill these rows with what the analysis needs and nothing else, and SnapshotBuilder turns
// them into a PlanSnapshot. Because every rule lives in the builder, the two sources cannot
// disagree on what a plan means; they can only disagree on the rows, which the tests compare.
// Rows are structs in lists: no object per row, whatever the size of the organisation.

internal readonly record struct FunctionRow(
    string Name,
    string? Title,
    IReadOnlyDictionary<string, string>? Labels,
    string? Team,
    int Tier,
    int? MtpdMinutes,
    int? RtoMinutes,
    int? RpoMinutes);

internal readonly record struct SystemRow(
    string Name,
    string? Title,
    IReadOnlyDictionary<string, string>? Labels,
    bool IsDataStore,
    string? Team,
    int Tier,
    int? RtoMinutes,
    int? RpoMinutes,
    int? RestoreEstimatedMinutes,
    int? RestoreMeasuredMinutes,
    int? ReplicationLagMinutes,
    string? Vendor,
    IReadOnlyList<string>? HostingSites,
    IReadOnlyList<string>? RecoverySites,
    bool RestoredByVendor);

internal readonly record struct VendorRow(string Name, string? Title, IReadOnlyDictionary<string, string>? Labels, int? ContractualRtoMinutes);

internal readonly record struct SiteRow(string Name, string? Title, IReadOnlyDictionary<string, string>? Labels, string? Region, string? Within, string? Vendor);

internal readonly record struct PersonRow(string Name, string? Title, IReadOnlyDictionary<string, string>? Labels, bool Active);

internal readonly record struct RoleRow(string Name, string? Title, IReadOnlyDictionary<string, string>? Labels);

/// <summary>One person holding a role in one assignment (the same person may appear in several).</summary>
internal readonly record struct HolderRow(string Role, string Person);

/// <summary>One member of one <c>dependsOn</c> entry, as the database stores it: the members of
/// a redundancy group share <see cref="Group"/>; <see cref="Position"/> orders the rows of one
/// dependent. Kinds are <see cref="NodeKind"/> values, -1 for a kind that is not a node.</summary>
internal readonly record struct DependencyRow(
    int DependentKind,
    string DependentName,
    int Position,
    int? Group,
    int TargetKind,
    string TargetName,
    bool Degraded);

internal readonly record struct BackupRow(string Name, string? System, int? FrequencyMinutes);

internal sealed class SnapshotSource
{
    public List<FunctionRow> Functions { get; init; } = [];

    public List<SystemRow> Systems { get; init; } = [];

    public List<VendorRow> Vendors { get; init; } = [];

    public List<SiteRow> Sites { get; init; } = [];

    public List<PersonRow> People { get; init; } = [];

    public List<RoleRow> Roles { get; init; } = [];

    public List<HolderRow> Holders { get; init; } = [];

    public List<DependencyRow> Dependencies { get; init; } = [];

    public List<BackupRow> BackupPolicies { get; init; } = [];

    public List<string> Teams { get; init; } = [];

    /// <summary>The node kind of an element kind, or -1 for kinds that are not nodes (teams, risks …).</summary>
    public static int NodeKindOf(ElementKind? kind) => kind switch
    {
        ElementKind.BusinessFunction => (int)NodeKind.Function,
        ElementKind.System => (int)NodeKind.System,
        ElementKind.Vendor => (int)NodeKind.Vendor,
        ElementKind.Site => (int)NodeKind.Site,
        ElementKind.Person => (int)NodeKind.Person,
        ElementKind.Role => (int)NodeKind.Role,
        _ => -1,
    };

    public static ElementKind ElementKindOf(NodeKind kind) => kind switch
    {
        NodeKind.Function => ElementKind.BusinessFunction,
        NodeKind.System => ElementKind.System,
        NodeKind.Vendor => ElementKind.Vendor,
        NodeKind.Site => ElementKind.Site,
        NodeKind.Person => ElementKind.Person,
        NodeKind.Role => ElementKind.Role,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
