using Continuity.Data;
using Continuity.Dependencies;
using Continuity.PlanFiles;

namespace Continuity.Vendors;

/// <summary>A vendor with its contract, SLA, emergency contacts and own continuity evidence.
/// What it depends on is in <see cref="Dependency"/> rows.</summary>
public sealed class Vendor : Element
{
    private Vendor()
    {
    }

    public Vendor(Metadata metadata, VendorSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    public IReadOnlyList<string> Services { get; private set; } = [];

    public string? ContractNumber { get; private set; }

    public DateOnly? ContractExpires { get; private set; }

    public string? Sla { get; private set; }

    public int? ContractualRtoMinutes { get; private set; }

    public int? ContractualResponseMinutes { get; private set; }

    public IReadOnlyList<Contact> EmergencyContacts { get; private set; } = [];

    public IReadOnlyList<string> Escalation { get; private set; } = [];

    public string? StatusPage { get; private set; }

    /// <summary>Whether the vendor has its own continuity plan; null when the plan does not say.</summary>
    public bool? HasContinuityPlan { get; private set; }

    public DateOnly? ContinuityEvidenceSeen { get; private set; }

    public string? ContinuityEvidence { get; private set; }

    /// <summary>Name of a vendor that could take over.</summary>
    public string? Alternate { get; private set; }

    public string? ExitStrategy { get; private set; }

    public string? RestorationCheck { get; private set; }

    public void UpdateFromPlan(Metadata metadata, VendorSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Services = Columns.Copy(spec.Services);
        ContractNumber = spec.Contract?.Number;
        ContractExpires = spec.Contract?.Expires;
        Sla = spec.Sla;
        ContractualRtoMinutes = Columns.ToMinutes(spec.ContractualRto);
        ContractualResponseMinutes = Columns.ToMinutes(spec.ContractualResponse);
        EmergencyContacts = Columns.Copy(spec.EmergencyContacts);
        Escalation = Columns.Copy(spec.Escalation);
        StatusPage = spec.StatusPage;
        HasContinuityPlan = spec.Continuity?.HasPlan;
        ContinuityEvidenceSeen = spec.Continuity?.EvidenceSeen;
        ContinuityEvidence = spec.Continuity?.Evidence;
        Alternate = spec.Alternate?.Name;
        ExitStrategy = spec.ExitStrategy;
        RestorationCheck = spec.RestorationCheck;
    }

    /// <param name="dependencies">This vendor's dependency rows, by position.</param>
    public PlanDocument ToDocument(IEnumerable<Dependency> dependencies) => new(ElementKind.Vendor, ToMetadata(), new VendorSpec
    {
        Description = Description,
        Services = [.. Services],
        Contract = ContractNumber is null && ContractExpires is null ? null : new Contract { Number = ContractNumber, Expires = ContractExpires },
        Sla = Sla,
        ContractualRto = Columns.ToDuration(ContractualRtoMinutes),
        ContractualResponse = Columns.ToDuration(ContractualResponseMinutes),
        EmergencyContacts = [.. EmergencyContacts],
        Escalation = [.. Escalation],
        StatusPage = StatusPage,
        Continuity = HasContinuityPlan is not { } hasPlan ? null : new VendorContinuity
        {
            HasPlan = hasPlan,
            EvidenceSeen = ContinuityEvidenceSeen,
            Evidence = ContinuityEvidence,
        },
        Alternate = Columns.ToReference(ElementKind.Vendor, Alternate),
        ExitStrategy = ExitStrategy,
        RestorationCheck = RestorationCheck,
        DependsOn = Dependency.ToPlan(dependencies),
    });
}
