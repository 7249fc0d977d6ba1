using System.Globalization;
using System.Reflection;
using System.Text;
using Continuity.Data;
using Continuity.PlanFiles;
using Continuity.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Continuity.Web.Pages.Shared;

/// <summary>What the layout shows on every page, besides the page itself.</summary>
internal static class SiteLayout
{
    /// <summary>ViewData key: the organisation name, when the page has loaded it already.</summary>
    public const string Organisation = "Organisation";

    /// <summary>ViewData key: the line printed at the foot of every page, when the page has its own
    /// (a plan document prints its version and content hash).</summary>
    public const string PrintLine = "PrintLine";

    /// <summary>ViewData key: what every printed page's footer says (a plan version's content hash), if anything.</summary>
    public const string PrintFoot = "PrintFoot";

    /// <summary>ViewData key: true on pages that must not touch the database (the error page).</summary>
    public const string WithoutDatabase = "WithoutDatabase";

    /// <summary>ViewData key: which navigation entry is current. Without it, the first segment of
    /// the request path decides (<c>/risks/x</c> → <c>risks</c>); the dashboard is <c>overview</c>.</summary>
    public const string Section = "Section";

    /// <summary>The kinds of element the navigation's Plan menu lists, in the order a continuity
    /// manager reads a plan: what the business does, what it runs on, who recovers it, and how.</summary>
    public static IReadOnlyList<ElementKind> PlanMenu { get; } =
    [
        ElementKind.BusinessFunction, ElementKind.System, ElementKind.Vendor, ElementKind.Site,
        ElementKind.Team, ElementKind.Person, ElementKind.Role, ElementKind.Risk, ElementKind.Scenario,
        ElementKind.Procedure, ElementKind.CommunicationPlan, ElementKind.BackupPolicy,
    ];

    /// <summary>The product version, without the source revision the build appends.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The organisation and the plan revision for the header, the footer and the print
    /// header of every page: one query.</summary>
    public static async Task<PlanState> LoadStateAsync(ContinuityDb db, CancellationToken cancellationToken)
    {
        var state = await db.PlanRevision.AsNoTracking()
            .Where(r => r.Id == PlanRevision.SingletonId)
            .Select(r => new PlanState(
                db.Organisations.OrderBy(o => o.Name).Select(o => o.Title ?? o.Name).FirstOrDefault(),
                r.Number,
                r.ChangedUtc,
                db.PlanVersions.Where(v => v.Scope == Governance.PlanScope.OrganisationName
                        && (v.State == Governance.VersionState.Approved || v.State == Governance.VersionState.Published || v.State == Governance.VersionState.Superseded))
                    .OrderByDescending(v => v.Number).Select(v => (int?)v.Number).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken);
        return state ?? new PlanState(null, 0, null, null);
    }

    /// <summary>The navigation entry a request belongs to.</summary>
    public static string SectionOf(object? section, PathString path)
    {
        if (section is string named)
        {
            return named;
        }
        var value = path.Value ?? "/";
        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "overview" : segments[0];
    }

    /// <summary><paramref name="text"/> as a CSS string literal (quoted), safe in a style attribute:
    /// everything but letters, digits, spaces and plain punctuation is a hexadecimal escape.</summary>
    public static string CssString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var css = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) && rune.Value < 128 || rune.Value is ' ' or '.' or ',' or '-' or ':' or '_')
            {
                css.Append((char)rune.Value);
            }
            else
            {
                css.Append('\\').Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append(' ');
            }
        }
        return css.Append('"').ToString();
    }

    private static string ReadVersion()
    {
        var version = typeof(SiteLayout).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(SiteLayout).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

/// <summary>The plan as every page's frame shows it: whose it is and which revision. Approval is
/// not recorded yet, so the footer says so rather than claiming one.</summary>
/// <param name="OrganisationName">The organisation's title, or null without a plan.</param>
/// <param name="Revision">The plan revision.</param>
/// <param name="ChangedUtc">When the plan last changed.</param>
/// <param name="ApprovedVersion">The number of the consolidated plan's newest approved version, or null.</param>
public sealed record PlanState(string? OrganisationName, long Revision, DateTime? ChangedUtc, int? ApprovedVersion);
