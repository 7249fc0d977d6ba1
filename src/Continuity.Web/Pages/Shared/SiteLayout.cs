using System.Reflection;

namespace Continuity.Web.Pages.Shared;

/// <summary>What the layout shows on every page, besides the page itself.</summary>
internal static class SiteLayout
{
    /// <summary>ViewData key: the organisation name, when the page has loaded it already.</summary>
    public const string Organisation = "Organisation";

    /// <summary>ViewData key: true on pages that must not touch the database (the error page).</summary>
    public const string WithoutDatabase = "WithoutDatabase";

    /// <summary>ViewData key: which navigation entry is current (overview, functions, systems, vendors).</summary>
    public const string Section = "Section";

    /// <summary>The product version, without the source revision the build appends.</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var version = typeof(SiteLayout).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(SiteLayout).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
