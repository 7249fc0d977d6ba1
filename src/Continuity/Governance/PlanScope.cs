using System.Diagnostics.CodeAnalysis;
using Continuity.Accounts;
using Continuity.PlanFiles;

namespace Continuity.Governance;

/// <summary>What a plan version covers (ADR 010): the consolidated plan (<c>organisation</c>, the
/// whole plan) or one team's plan (<c>team:licensing</c>: every element whose team is that team,
/// the team itself, and of a continuity role only its assignments for that team).</summary>
public sealed record PlanScope
{
    public const string OrganisationName = "organisation";

    private PlanScope(string? team) => Team = team;

    /// <summary>The team of a team plan; null for the consolidated plan.</summary>
    public string? Team { get; }

    public static PlanScope Organisation { get; } = new((string?)null);

    public static PlanScope OfTeam(string team)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        return new PlanScope(team);
    }

    public bool IsOrganisation => Team is null;

    /// <summary>Reads <c>organisation</c> or <c>team:NAME</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PlanScope? scope)
    {
        scope = text?.Trim() switch
        {
            OrganisationName => Organisation,
            { } t when t.StartsWith("team:", StringComparison.Ordinal) && t.Length > 5 && !string.IsNullOrWhiteSpace(t[5..]) => OfTeam(t[5..]),
            _ => null,
        };
        return scope is not null;
    }

    public override string ToString() => Team is null ? OrganisationName : $"team:{Team}";

    /// <summary>In words: "the consolidated plan", "the team plan of licensing".</summary>
    public string Title => Team is null ? "the consolidated plan" : $"the team plan of {Team}";

    /// <summary>Whether the document is part of this scope; <paramref name="teamOfSystem"/> gives a
    /// backup policy's system's team.</summary>
    public bool Covers(PlanDocument document, Func<string, string?> teamOfSystem)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Team is null
            || ElementTeams.All(document, teamOfSystem).Contains(Team, StringComparer.Ordinal);
    }
}
