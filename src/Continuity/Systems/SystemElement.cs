using Continuity.Data;
using Continuity.Dependencies;
using Continuity.PlanFiles;

namespace Continuity.Systems;

/// <summary>A system, data store, SaaS service, piece of infrastructure or facility (named
/// SystemElement so that it does not hide the System namespace). What it depends on is in
/// <see cref="Dependency"/> rows.</summary>
public sealed class SystemElement : Element
{
    private SystemElement()
    {
    }

    public SystemElement(Metadata metadata, SystemSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public SystemType Type { get; private set; }

    /// <summary>Name of the team that runs and recovers the system.</summary>
    public string? Team { get; private set; }

    public string? BusinessOwner { get; private set; }

    public string? TechnicalOwner { get; private set; }

    /// <summary>Name of the vendor that provides the system.</summary>
    public string? Vendor { get; private set; }

    public string? HostingProvider { get; private set; }

    /// <summary>Names of the sites the system runs in.</summary>
    public IReadOnlyList<string> HostingSites { get; private set; } = [];

    public IReadOnlyList<string> HostingZones { get; private set; } = [];

    /// <summary>Names of the sites the system can be restored into when its hosting sites are lost.</summary>
    public IReadOnlyList<string> HostingRecoverySites { get; private set; } = [];

    public DataClassification? DataClassification { get; private set; }

    public int Tier { get; private set; }

    public int? RtoMinutes { get; private set; }

    public int? RpoMinutes { get; private set; }

    /// <summary>RTO per disruption class (as plan files spell it: <c>region</c>), where they differ.</summary>
    public IReadOnlyDictionary<string, Duration> RtoByDisruption { get; private set; } = new Dictionary<string, Duration>();

    public int? RestoreEstimatedMinutes { get; private set; }

    public int? RestoreMeasuredMinutes { get; private set; }

    public Confidence? RestoreConfidence { get; private set; }

    /// <summary>The vendor restores the system: its restore time is the vendor's contractual RTO.</summary>
    public bool RestoredByVendor { get; private set; }

    public int? ReplicationLagMinutes { get; private set; }

    public void UpdateFromPlan(Metadata metadata, SystemSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Type = spec.Type;
        Team = spec.Team?.Name;
        BusinessOwner = spec.BusinessOwner?.Name;
        TechnicalOwner = spec.TechnicalOwner?.Name;
        Vendor = spec.Vendor?.Name;
        HostingProvider = spec.Hosting?.Provider;
        HostingSites = Columns.ToNames(spec.Hosting?.Sites);
        HostingZones = Columns.Copy(spec.Hosting?.Zones);
        HostingRecoverySites = Columns.ToNames(spec.Hosting?.RecoverySites);
        DataClassification = spec.DataClassification;
        Tier = spec.Tier;
        RtoMinutes = Columns.ToMinutes(spec.Objectives?.Rto);
        RpoMinutes = Columns.ToMinutes(spec.Objectives?.Rpo);
        RtoByDisruption = Columns.ToDisruptionKeys(spec.Objectives?.RtoByDisruption);
        RestoreEstimatedMinutes = Columns.ToMinutes(spec.Restore?.Estimated);
        RestoreMeasuredMinutes = Columns.ToMinutes(spec.Restore?.Measured);
        RestoreConfidence = spec.Restore?.Confidence;
        RestoredByVendor = spec.Restore?.ByVendor ?? false;
        ReplicationLagMinutes = Columns.ToMinutes(spec.ReplicationLag);
    }

    /// <param name="dependencies">This system's dependency rows, by position.</param>
    public PlanDocument ToDocument(IEnumerable<Dependency> dependencies) => new(ElementKind.System, ToMetadata(), new SystemSpec
    {
        Description = Description,
        Type = Type,
        Team = Columns.ToReference(ElementKind.Team, Team),
        BusinessOwner = Columns.ToReference(ElementKind.Person, BusinessOwner),
        TechnicalOwner = Columns.ToReference(ElementKind.Person, TechnicalOwner),
        Vendor = Columns.ToReference(ElementKind.Vendor, Vendor),
        Hosting = HostingProvider is null && HostingSites.Count == 0 && HostingZones.Count == 0 && HostingRecoverySites.Count == 0 ? null : new Hosting
        {
            Provider = HostingProvider,
            Sites = Columns.ToReferences(ElementKind.Site, HostingSites),
            RecoverySites = Columns.ToReferences(ElementKind.Site, HostingRecoverySites),
            Zones = [.. HostingZones],
        },
        DataClassification = DataClassification,
        Tier = Tier,
        Objectives = RtoMinutes is null && RpoMinutes is null && RtoByDisruption.Count == 0 ? null : new SystemObjectives
        {
            Rto = Columns.ToDuration(RtoMinutes),
            Rpo = Columns.ToDuration(RpoMinutes),
            RtoByDisruption = Columns.FromDisruptionKeys(RtoByDisruption),
        },
        Restore = RestoreEstimatedMinutes is null && RestoreMeasuredMinutes is null && RestoreConfidence is null && !RestoredByVendor ? null : new RestoreEstimate
        {
            Estimated = Columns.ToDuration(RestoreEstimatedMinutes),
            Measured = Columns.ToDuration(RestoreMeasuredMinutes),
            Confidence = RestoreConfidence,
            ByVendor = RestoredByVendor,
        },
        ReplicationLag = Columns.ToDuration(ReplicationLagMinutes),
        DependsOn = Dependency.ToPlan(dependencies),
    });
}
