using System.Globalization;
using System.Net;
using Continuity.Web.Pages.Shared;
using Microsoft.AspNetCore.Html;

namespace Continuity.Web.Pages;

/// <summary>The geometry of the dashboard's chart of target against achievable recovery: one row
/// per function, two bars from zero on a logarithmic time axis (minutes to weeks are all on
/// it). Pure arithmetic; the page draws it as SVG.</summary>
public sealed class IndexGapChart
{
    public const int Width = 760;
    public const int LabelWidth = 230;
    public const int PlotWidth = Width - LabelWidth - 20;
    public const int RowHeight = 34;
    public const int Top = 8;
    public const int AxisHeight = 28;

    private static readonly (int Minutes, string Label)[] Ticks =
    [
        (15, "15m"), (60, "1h"), (240, "4h"), (1440, "1d"), (10080, "1w"), (43200, "30d"), (525600, "1y"),
    ];

    private readonly double _max;

    public IndexGapChart(IReadOnlyList<ObjectiveGap> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
        var largest = rows.Select(r => Math.Max(r.Objective.TargetMinutes ?? 0, r.Objective.Minutes ?? 0)).DefaultIfEmpty(60).Max();
        var axisEnd = Ticks.FirstOrDefault(t => t.Minutes >= largest).Minutes;
        _max = Math.Log10((axisEnd == 0 ? largest : axisEnd) + 1.0);
    }

    public IReadOnlyList<ObjectiveGap> Rows { get; }

    public int Height => Top + Rows.Count * RowHeight + AxisHeight;

    public int PlotTop => Top;

    public int PlotBottom => Top + Rows.Count * RowHeight;

    public static int PlotLeft => LabelWidth;

    /// <summary>The x of a bar's end: the plot's right edge for "never".</summary>
    public string X(int? minutes, bool never = false) =>
        Number(LabelWidth + (never ? PlotWidth : Math.Min(PlotWidth, PlotWidth * Math.Log10(Math.Max(0, minutes ?? 0) + 1.0) / _max)));

    public string Length(int? minutes, bool never = false) =>
        Number(Math.Max(2, (never ? PlotWidth : Math.Min(PlotWidth, PlotWidth * Math.Log10(Math.Max(0, minutes ?? 0) + 1.0) / _max))));

    public static int RowY(int index) => Top + index * RowHeight;

    /// <summary>The axis ticks that fall on the plot.</summary>
    public IEnumerable<(string X, string Label)> AxisTicks() =>
        Ticks.Where(t => Math.Log10(t.Minutes + 1.0) <= _max + 1e-9).Select(t => (X(t.Minutes), t.Label));

    /// <summary>A label that fits the label column; the full title is in the row's tooltip and table.</summary>
    public static string Label(ElementLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var text = string.IsNullOrWhiteSpace(link.Title) ? link.Name : link.Title;
        return text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 29), "…");
    }

    public static string Achieved(Achievable objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective.Never ? "never"
            : objective.EstimateMissing ? $"at least {Format.Elapsed(objective.Minutes)}"
            : Format.Elapsed(objective.Minutes);
    }

    /// <summary>An SVG text element (Razor reserves the tag name <c>text</c>), its content encoded.</summary>
    public static IHtmlContent Text(string css, string x, int y, string anchor, string content) =>
        new HtmlString($"<text class=\"{css}\" x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(content)}</text>");

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
