using Continuity.PlanFiles;

namespace Continuity.Checks;

/// <summary>One thing a plan check found: which rule, how bad, about which element, where it is
/// written (when the plan came from files), what is wrong and how to fix it.</summary>
public sealed record Finding(
    string CheckId,
    Severity Severity,
    string ElementId,
    string Message,
    string Hint,
    SourceLocation? Location = null)
{
    /// <summary>Set when a current waiver covers this finding; waived findings are reported but do not count.</summary>
    public Waiver? WaivedBy { get; init; }
}

/// <summary>A rule of the catalogue (documented in docs/checks.md).</summary>
public sealed record Check(string Id, string Title, Severity Severity, string Why, string Fix)
{
    /// <summary>The controls the rule serves (BC.1.01, BC.1.02, BC.1.04, BU.1.01 …).</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];
}

/// <summary>An accepted exception to a check for one element, with a reason, an owner and an expiry.</summary>
public sealed record Waiver(string CheckId, string ElementId, string Reason, string Owner, DateOnly Expires);
