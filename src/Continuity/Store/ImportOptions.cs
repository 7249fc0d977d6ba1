using Continuity.PlanFiles;

namespace Continuity.Store;

/// <summary>How <see cref="PlanWriter.ImportAsync"/> applies plan files to the stored plan.</summary>
public sealed record ImportOptions
{
    /// <summary>Work everything out, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where the files and the app changed the same element, the files win.</summary>
    public bool Force { get; init; }

    public ImportScope Scope { get; init; } = ImportScope.Everything;

    /// <summary>The revision the files were exported at (the organisation's annotation
    /// <see cref="PlanRevisionAnnotation.Key"/> when this is null): a three-way import against it.</summary>
    public long? BaseRevision { get; init; }
}

/// <summary>Which elements an import may touch: all of them, or one team's (<c>team:NAME</c>), so a
/// team can keep its own folder of plan files.</summary>
public sealed record ImportScope(string? Team)
{
    public static ImportScope Everything { get; } = new((string?)null);

    public static ImportScope ForTeam(string team) => new(team);

    /// <summary>Reads <c>everything</c> or <c>team:NAME</c>.</summary>
    public static ImportScope? Parse(string? text) => text switch
    {
        null or "" or "everything" => Everything,
        _ when text.StartsWith("team:", StringComparison.Ordinal) && text.Length > 5 => ForTeam(text[5..]),
        _ => null,
    };

    /// <summary>The loader's errors that stop an import in this scope. A team's folder names
    /// elements it does not hold (the organisation, other teams' systems): the writer resolves
    /// those against the stored plan and reports what is still missing, so the loader's
    /// unknown-reference, organisation-count and BIA-scale errors do not count here.</summary>
    public IEnumerable<PlanFiles.Diagnostic> Blocking(IEnumerable<PlanFiles.Diagnostic> diagnostics) => diagnostics.Where(d =>
        d.Severity == PlanFiles.Severity.Error
        && (Team is null || d.Code is not (PlanFiles.PlanFileCodes.UnknownReference or PlanFiles.PlanFileCodes.OrganisationCount or PlanFiles.PlanFileCodes.UnknownBiaScale)));

    public override string ToString() => Team is null ? "everything" : $"team:{Team}";

    /// <summary>Whether the element belongs to the team: functions, systems, procedures and people
    /// by their <c>team</c>; a role when every one of its assignments is for the team (a role
    /// shared with other teams is the organisation's); a backup policy by its system's team.</summary>
    internal bool Covers(PlanDocument document, Func<string, PlanDocument?> system) => Team is null || document.Spec switch
    {
        BusinessFunctionSpec function => function.Team?.Name == Team,
        SystemSpec s => s.Team?.Name == Team,
        ProcedureSpec procedure => procedure.Team?.Name == Team,
        PersonSpec person => person.Team?.Name == Team,
        RoleSpec role => role.Assignments.Count > 0 && role.Assignments.All(a => a.Team?.Name == Team),
        BackupPolicySpec policy => policy.System?.Name is { } name && system(name) is { Spec: SystemSpec s } && s.Team?.Name == Team,
        _ => false,
    };
}
