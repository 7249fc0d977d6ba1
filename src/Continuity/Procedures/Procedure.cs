using Continuity.Data;
using Continuity.PlanFiles;

namespace Continuity.Procedures;

/// <summary>A procedure (runbook) for one or more scenarios; its steps are <see cref="Step"/> rows.</summary>
public sealed class Procedure : Element
{
    private Procedure()
    {
    }

    public Procedure(Metadata metadata, ProcedureSpec spec, DateTime createdUtc)
        : base(metadata.Name, createdUtc) => UpdateFromPlan(metadata, spec, createdUtc);

    /// <summary>Names of the scenarios the procedure is for.</summary>
    public IReadOnlyList<string> Scenarios { get; private set; } = [];

    /// <summary>Names of the business functions the procedure recovers.</summary>
    public IReadOnlyList<string> Recovers { get; private set; } = [];

    /// <summary>Name of the team that runs the procedure.</summary>
    public string? Team { get; private set; }

    public void UpdateFromPlan(Metadata metadata, ProcedureSpec spec, DateTime updatedUtc)
    {
        Describe(metadata, spec, updatedUtc);
        Scenarios = Columns.ToNames(spec.Scenarios);
        Recovers = Columns.ToNames(spec.Recovers);
        Team = spec.Team?.Name;
    }

    public List<Step> StepsFromPlan(ProcedureSpec spec) =>
        [.. (spec.Steps ?? []).Select((step, position) => new Step(Id, position, step))];

    /// <param name="steps">This procedure's steps, by position.</param>
    public PlanDocument ToDocument(IEnumerable<Step> steps) => new(ElementKind.Procedure, ToMetadata(), new ProcedureSpec
    {
        Description = Description,
        Scenarios = Columns.ToReferences(ElementKind.Scenario, Scenarios),
        Recovers = Columns.ToReferences(ElementKind.BusinessFunction, Recovers),
        Team = Columns.ToReference(ElementKind.Team, Team),
        Steps = [.. steps.Select(step => step.ToPlan())],
    });
}

/// <summary>One step of a procedure: what to do, which role does it, and whom to inform.</summary>
public sealed class Step
{
    private Step()
    {
    }

    public Step(Guid procedureId, int position, ProcedureStep step)
    {
        Id = Guid.CreateVersion7();
        ProcedureId = procedureId;
        Position = position;
        Key = step.Id;
        Title = step.Title;
        Phase = step.Phase;
        After = Columns.Copy(step.After);
        Instructions = step.Instructions;
        Responsible = step.Responsible?.Name;
        Backup = step.Backup?.Name;
        ExpectedDurationMinutes = Columns.ToMinutes(step.ExpectedDuration);
        EscalateAfterMinutes = Columns.ToMinutes(step.EscalateAfter);
        Communicate = Columns.Copy(step.Communicate);
        Vendor = step.Vendor?.Name;
        Verification = step.Verification;
    }

    public Guid Id { get; private set; }

    public Guid ProcedureId { get; private set; }

    public int Position { get; private set; }

    /// <summary>The step's id within its procedure (the plan's <c>id</c>).</summary>
    public string Key { get; private set; } = "";

    public string Title { get; private set; } = "";

    public ProcedurePhase Phase { get; private set; }

    /// <summary>Keys of the steps that must finish first.</summary>
    public IReadOnlyList<string> After { get; private set; } = [];

    public string? Instructions { get; private set; }

    /// <summary>Name of the responsible role.</summary>
    public string? Responsible { get; private set; }

    /// <summary>Name of the backup role.</summary>
    public string? Backup { get; private set; }

    public int? ExpectedDurationMinutes { get; private set; }

    public int? EscalateAfterMinutes { get; private set; }

    public IReadOnlyList<StepCommunication> Communicate { get; private set; } = [];

    /// <summary>Name of a vendor to call at this step.</summary>
    public string? Vendor { get; private set; }

    public string? Verification { get; private set; }

    public ProcedureStep ToPlan() => new()
    {
        Id = Key,
        Title = Title,
        Phase = Phase,
        After = [.. After],
        Instructions = Instructions,
        Responsible = Columns.ToReference(ElementKind.Role, Responsible),
        Backup = Columns.ToReference(ElementKind.Role, Backup),
        ExpectedDuration = Columns.ToDuration(ExpectedDurationMinutes),
        EscalateAfter = Columns.ToDuration(EscalateAfterMinutes),
        Communicate = [.. Communicate],
        Vendor = Columns.ToReference(ElementKind.Vendor, Vendor),
        Verification = Verification,
    };
}
