using System.Globalization;
using Continuity.PlanFiles;

namespace Continuity.Web.Pages.Shared;

/// <summary>How plan values read on a page: durations as plan files write them (4h, 1d, 90m),
/// tiers and enums in words, money with its currency.</summary>
internal static class Format
{
    public const string Missing = "—";

    /// <summary>A plan value; 0 is a value (an RTO of 0m), only a missing one is "—".</summary>
    public static string Duration(int? minutes) =>
        minutes is { } value and >= 0 ? new Duration(value).ToString() : Missing;

    /// <summary>A computed length of time in days, hours and minutes ("6h 35m", "1d 1h 30m"); a
    /// plan value is shown as the plan writes it (<see cref="Duration(int?)"/>).</summary>
    public static string Elapsed(int? minutes) =>
        minutes is { } value and > 0 ? PlanFiles.Duration.Readable(value) : Missing;

    public static string TierName(int tier) => tier switch
    {
        1 => "Mission critical",
        2 => "Business critical",
        3 => "Business operational",
        4 => "Administrative",
        _ => $"Tier {tier}",
    };

    public static string Money(long amount, string currency) =>
        string.IsNullOrEmpty(currency)
            ? amount.ToString("N0", CultureInfo.InvariantCulture)
            : $"{currency} {amount.ToString("N0", CultureInfo.InvariantCulture)}";

    /// <summary>A moment in UTC as people read it: "6 Dec 2026 09:30 UTC".</summary>
    public static string DateTime(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? Missing;

    public static string Kind(ElementKind kind) => kind switch
    {
        ElementKind.BusinessFunction => "Function",
        ElementKind.BackupPolicy => "Backup policy",
        ElementKind.CommunicationPlan => "Communication plan",
        _ => kind.ToString(),
    };

    public static string SystemType(SystemType type) => type switch
    {
        PlanFiles.SystemType.Application => "Application",
        PlanFiles.SystemType.Service => "Service",
        PlanFiles.SystemType.Database => "Database",
        PlanFiles.SystemType.DataStore => "Data store",
        PlanFiles.SystemType.Infrastructure => "Infrastructure",
        PlanFiles.SystemType.Network => "Network",
        PlanFiles.SystemType.Saas => "SaaS",
        PlanFiles.SystemType.Facility => "Facility",
        PlanFiles.SystemType.EndUser => "End-user",
        _ => type.ToString(),
    };

    public static string Rating(ImpactRating rating) => rating switch
    {
        ImpactRating.Minimal => "Minimal",
        ImpactRating.Minor => "Minor",
        ImpactRating.Moderate => "Moderate",
        ImpactRating.Major => "Major",
        ImpactRating.Severe => "Severe",
        _ => rating.ToString(),
    };

    /// <summary>A title where the plan gives one, else the name.</summary>
    public static string Title(string? title, string name) => string.IsNullOrWhiteSpace(title) ? name : title;

    /// <summary>"1 system", "3 systems".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
