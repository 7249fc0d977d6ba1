using Continuity.Data;
using Continuity.Dependencies;
using Continuity.PlanFiles;

namespace Continuity.Functions;

/// <summary>A business function with its recovery objectives and their approval. Its impact
/// over time is in <see cref="FunctionImpact"/> and <see cref="FinancialLoss"/> rows, what it
/// depends on in <see cref="Dependency"/> rows.</summary>
public sealed class BusinessFunction : Element
{
    private BusinessFunction()
    {
    }

    public BusinessFunction(Metadata metadata, BusinessFunctionSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    /// <summary>Name of the owning team.</summary>
    public string? Team { get; private set; }

    /// <summary>1 mission critical … 4 administrative.</summary>
    public int Tier { get; private set; }

    /// <summary>Names of the services in scope this function supports.</summary>
    public IReadOnlyList<string> Supports { get; private set; } = [];

    public IReadOnlyList<string> PeakPeriods { get; private set; } = [];

    public string? MinimumCapacity { get; private set; }

    /// <summary>The manual workaround; null when there is none.</summary>
    public string? WorkaroundDescription { get; private set; }

    public int? WorkaroundSustainableForMinutes { get; private set; }

    public int? MtpdMinutes { get; private set; }

    public int? RtoMinutes { get; private set; }

    public int? RpoMinutes { get; private set; }

    /// <summary>Name of the person who approved the objectives; null while unapproved.</summary>
    public string? ApprovedBy { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    public int? ApprovedMtpdMinutes { get; private set; }

    public int? ApprovedRtoMinutes { get; private set; }

    public int? ApprovedRpoMinutes { get; private set; }

    public string? ApprovalNote { get; private set; }

    /// <summary>RTO and RPO per disruption class (as plan files spell it: <c>region</c>), where they differ.</summary>
    public IReadOnlyDictionary<string, DisruptionObjectives> ObjectivesByDisruption { get; private set; } = new Dictionary<string, DisruptionObjectives>();

    public void UpdateFromPlan(Metadata metadata, BusinessFunctionSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Team = spec.Team?.Name;
        Tier = spec.Tier;
        Supports = Columns.Copy(spec.Supports);
        PeakPeriods = Columns.Copy(spec.PeakPeriods);
        MinimumCapacity = spec.MinimumCapacity;
        WorkaroundDescription = spec.Workaround?.Description;
        WorkaroundSustainableForMinutes = Columns.ToMinutes(spec.Workaround?.SustainableFor);
        MtpdMinutes = Columns.ToMinutes(spec.Objectives?.Mtpd);
        RtoMinutes = Columns.ToMinutes(spec.Objectives?.Rto);
        RpoMinutes = Columns.ToMinutes(spec.Objectives?.Rpo);
        var approval = spec.Objectives?.Approved;
        ApprovedBy = approval?.By?.Name;
        ApprovedOn = approval?.On;
        ApprovedMtpdMinutes = Columns.ToMinutes(approval?.Mtpd);
        ApprovedRtoMinutes = Columns.ToMinutes(approval?.Rto);
        ApprovedRpoMinutes = Columns.ToMinutes(approval?.Rpo);
        ApprovalNote = approval?.Note;
        ObjectivesByDisruption = Columns.ToDisruptionKeys(spec.Objectives?.ByDisruption);
    }

    /// <summary>The impact rows of the spec, in the order the plan lists them.</summary>
    public List<FunctionImpact> ImpactFromPlan(BusinessFunctionSpec spec) =>
    [
        .. (spec.Impact ?? [])
            .SelectMany(category => (category.Value ?? []).Select(point => (Category: category.Key, Point: point)))
            .Select((impact, position) => new FunctionImpact(Id, position, impact.Category, impact.Point.Key.Minutes, impact.Point.Value)),
    ];

    public List<FinancialLoss> FinancialLossFromPlan(BusinessFunctionSpec spec) =>
    [
        .. (spec.FinancialLoss ?? []).Select((loss, position) => new FinancialLoss(Id, position, loss.Key.Minutes, loss.Value)),
    ];

    /// <param name="impact">This function's impact rows, by position.</param>
    /// <param name="financialLoss">This function's financial loss rows, by position.</param>
    /// <param name="dependencies">This function's dependency rows, by position.</param>
    public PlanDocument ToDocument(IEnumerable<FunctionImpact> impact, IEnumerable<FinancialLoss> financialLoss,
        IEnumerable<Dependency> dependencies)
    {
        var spec = new BusinessFunctionSpec
        {
            Description = Description,
            Team = Columns.ToReference(ElementKind.Team, Team),
            Tier = Tier,
            Supports = [.. Supports],
            PeakPeriods = [.. PeakPeriods],
            MinimumCapacity = MinimumCapacity,
            Workaround = WorkaroundDescription is null ? null : new Workaround
            {
                Description = WorkaroundDescription,
                SustainableFor = Columns.ToDuration(WorkaroundSustainableForMinutes),
            },
            Objectives = ObjectivesToPlan(),
            FinancialLoss = financialLoss.ToDictionary(loss => new Duration(loss.Minutes), loss => loss.Amount),
            DependsOn = Dependency.ToPlan(dependencies),
        };
        foreach (var rating in impact)
        {
            if (!spec.Impact.TryGetValue(rating.Category, out var points))
            {
                spec.Impact[rating.Category] = points = [];
            }
            points[new Duration(rating.Minutes)] = rating.Rating;
        }
        return new PlanDocument(ElementKind.BusinessFunction, ToMetadata(), spec);
    }

    private RecoveryObjectives? ObjectivesToPlan()
    {
        var approval = ApprovedBy is null && ApprovedOn is null && ApprovedMtpdMinutes is null
            && ApprovedRtoMinutes is null && ApprovedRpoMinutes is null && ApprovalNote is null
            ? null
            : new ObjectivesApproval
            {
                By = Columns.ToReference(ElementKind.Person, ApprovedBy),
                On = ApprovedOn,
                Mtpd = Columns.ToDuration(ApprovedMtpdMinutes),
                Rto = Columns.ToDuration(ApprovedRtoMinutes),
                Rpo = Columns.ToDuration(ApprovedRpoMinutes),
                Note = ApprovalNote,
            };
        return approval is null && MtpdMinutes is null && RtoMinutes is null && RpoMinutes is null && ObjectivesByDisruption.Count == 0
            ? null
            : new RecoveryObjectives
            {
                Mtpd = Columns.ToDuration(MtpdMinutes),
                Rto = Columns.ToDuration(RtoMinutes),
                Rpo = Columns.ToDuration(RpoMinutes),
                Approved = approval,
                ByDisruption = Columns.FromDisruptionKeys(ObjectivesByDisruption),
            };
    }
}

/// <summary>How bad the loss of a function is in one impact category, a number of minutes into
/// a disruption (a cell of the business impact analysis).</summary>
public sealed class FunctionImpact
{
    private FunctionImpact()
    {
    }

    public FunctionImpact(Guid functionId, int position, string category, int minutes, ImpactRating rating)
    {
        Id = Guid.CreateVersion7();
        FunctionId = functionId;
        Position = position;
        Category = category;
        Minutes = minutes;
        Rating = rating;
    }

    public Guid Id { get; private set; }

    public Guid FunctionId { get; private set; }

    public int Position { get; private set; }

    public string Category { get; private set; } = "";

    public int Minutes { get; private set; }

    /// <summary>Stored as its number (1 minimal … 5 severe), so queries can compare ratings.</summary>
    public ImpactRating Rating { get; private set; }
}

/// <summary>The money a function's outage has cost by a number of minutes into a disruption.</summary>
public sealed class FinancialLoss
{
    private FinancialLoss()
    {
    }

    public FinancialLoss(Guid functionId, int position, int minutes, long amount)
    {
        Id = Guid.CreateVersion7();
        FunctionId = functionId;
        Position = position;
        Minutes = minutes;
        Amount = amount;
    }

    public Guid Id { get; private set; }

    public Guid FunctionId { get; private set; }

    public int Position { get; private set; }

    public int Minutes { get; private set; }

    /// <summary>In the organisation's currency, whole units.</summary>
    public long Amount { get; private set; }
}
