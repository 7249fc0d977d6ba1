using System.Globalization;
using Continuity.Impact;
using Continuity.PlanFiles;
using Continuity.Web.Pages.Shared;

namespace Continuity.Web.Pages.WhatIf;

/// <summary>The recovery schedule as a Gantt chart, laid out on the server and drawn as SVG by the
/// page: one bar per scheduled element (a restore, or a thin mark for what comes back by itself
/// once its dependencies are back), grouped by the team that restores it, on a time axis from the
/// failure (or from the end of an open-ended outage), with the RTOs of the functions that are
/// down as dashed lines. Coordinates are in the SVG's user units; the page scales it.</summary>
public sealed record GanttChart(
    string Title,
    string Description,
    int Width,
    int Height,
    int PlotLeft,
    int PlotRight,
    int AxisY,
    int AxisEndMinutes,
    IReadOnlyList<GanttTick> Ticks,
    IReadOnlyList<GanttGroup> Groups,
    IReadOnlyList<GanttBar> Bars,
    IReadOnlyList<GanttMarker> Markers)
{
    public const int ChartWidth = 960;
    private const int LabelWidth = 250;
    private const int Right = 16;
    private const int Top = 30;
    private const int RowHeight = 20;
    private const int GroupHeight = 24;
    private const int MaxMarkers = 12;

    public static string Y(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <param name="title">What the chart shows (the SVG's title).</param>
    /// <param name="rows">The restores to draw (one page of the schedule).</param>
    /// <param name="axisEnd">Minutes the axis reaches at least (the whole schedule's end, so every page has the same axis).</param>
    /// <param name="rtoFunctions">Functions whose RTO to mark: (RTO minutes, function id); empty for a chart timed from an outage's end.</param>
    /// <param name="fromOutageEnd">Times are minutes after the open-ended outage ends, not after the failure.</param>
    public static GanttChart Build(string title, IReadOnlyList<ScheduledRestore> rows, int axisEnd, IReadOnlyList<(int Rto, string Id)> rtoFunctions, bool fromOutageEnd)
    {
        var plotLeft = LabelWidth;
        var plotRight = ChartWidth - Right;
        var markers = rtoFunctions
            .GroupBy(f => f.Rto)
            .OrderBy(g => g.Key)
            .Where(g => g.Key > 0 && g.Key <= Math.Max(axisEnd, 60) * 2)
            .Take(MaxMarkers)
            .ToList();
        var end = Math.Max(60, Math.Max(axisEnd, markers.Count == 0 ? 0 : markers[^1].Key));
        var step = TickStep(end);
        end = (end + step - 1) / step * step;
        double X(int minutes) => plotLeft + (double)minutes / end * (plotRight - plotLeft);

        var groups = new List<GanttGroup>();
        var bars = new List<GanttBar>();
        var y = Top + 6;
        foreach (var team in rows.GroupBy(r => r.Team ?? "").OrderBy(g => g.Min(r => r.Start)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = team.Key.Length == 0 ? "No team named" : $"Team {team.Key}";
            groups.Add(new GanttGroup(name, y + 16, team.Key.Length == 0 ? null : ElementRoutes.Details(ElementKind.Team, team.Key)));
            y += GroupHeight;
            foreach (var row in team)
            {
                var x = X(row.Start);
                var width = Math.Max(row.RestoreMinutes == 0 ? 3 : 2, X(row.Finish) - x);
                var css = row.RestoreMinutes == 0 ? "gantt__bar gantt__bar--back"
                    : row.MissesRto ? "gantt__bar gantt__bar--late"
                    : "gantt__bar";
                if (row.EstimateMissing)
                {
                    css += " gantt__bar--estimate";
                }
                var when = fromOutageEnd
                    ? $"{Format.Elapsed(row.Start)} to {Format.Elapsed(row.Finish)} after the outage ends"
                    : $"{Format.Elapsed(row.Start)} to {Format.Elapsed(row.Finish)} after the failure";
                if (row.Start == 0 && row.Finish == 0)
                {
                    when = fromOutageEnd ? "back as soon as the outage ends" : "back at once";
                }
                var what = row.RestoreMinutes == 0 ? "comes back with its dependencies" : $"restore takes {Format.Elapsed(row.RestoreMinutes)}";
                var tooltip = $"{row.Id}: {what}; {when}"
                    + (row.RtoMinutes is { } rto ? $"; RTO {Format.Duration(rto)}{(row.MissesRto ? " — missed" : "")}" : "")
                    + (row.EstimateMissing ? "; a restore has no estimate in the plan, counted as instant" : "");
                var name2 = row.Id[(row.Id.IndexOf(':', StringComparison.Ordinal) + 1)..];
                var label = name2.Length > 34 ? name2[..33] + "…" : name2;
                bars.Add(new GanttBar(row.Id, label, Format.Kind(WhatIfLinks.KindOf(row.Id) ?? ElementKind.System), x, y + 3, width, RowHeight - 6, y + 14, css, tooltip,
                    WhatIfLinks.Href(row.Id)));
                y += RowHeight;
            }
        }
        var height = y + 8;

        var ticks = new List<GanttTick>();
        for (var minutes = 0; minutes <= end; minutes += step)
        {
            ticks.Add(new GanttTick(X(minutes), minutes == 0 ? (fromOutageEnd ? "outage ends" : "0") : Format.Elapsed(minutes)));
        }
        var rtoMarkers = markers.Select(g =>
        {
            var ids = g.Select(f => f.Id).OrderBy(i => i, StringComparer.Ordinal).ToList();
            var names = string.Join(", ", ids.Take(8)) + (ids.Count > 8 ? $" and {ids.Count - 8} more" : "");
            return new GanttMarker(X(g.Key), $"RTO {Format.Duration(g.Key)}", $"RTO {Format.Duration(g.Key)} of {Format.Count(ids.Count, "function")} down: {names}");
        }).ToList();

        var restores = rows.Count(r => r.RestoreMinutes > 0);
        var late = rows.Count(r => r.MissesRto);
        var description = $"{Format.Count(rows.Count, "element")} in {Format.Count(groups.Count, "team group")}, {Format.Count(restores, "restore")} " +
            $"{(fromOutageEnd ? "timed from the end of the open-ended outage" : "timed from the failure")}; the axis runs to {Format.Elapsed(end)}. " +
            (late > 0 ? $"{Format.Count(late, "element")} come back after its RTO. " : "") +
            (rtoMarkers.Count > 0 ? "Dashed lines mark the RTOs of the functions that are down. " : "") +
            "The table below lists the same schedule.";
        return new GanttChart(title, description, ChartWidth, height, plotLeft, plotRight, Top, end, ticks, groups, bars, rtoMarkers);
    }

    /// <summary>A tick interval that gives at most ten ticks.</summary>
    private static int TickStep(int end)
    {
        int[] steps = [15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200];
        foreach (var step in steps)
        {
            if (end / step <= 10)
            {
                return step;
            }
        }
        return (end / 10 + 43199) / 43200 * 43200;
    }
}

public sealed record GanttTick(double X, string Label);

public sealed record GanttGroup(string Label, int Y, string? Href);

/// <summary>One scheduled element: its bar, label and the text of its tooltip.</summary>
public sealed record GanttBar(string Id, string Label, string Kind, double X, int Y, double Width, int Height, int TextY, string Css, string Tooltip, string? Href);

public sealed record GanttMarker(double X, string Label, string Tooltip);

/// <summary>Links to the elements a what-if names by id (<c>system:license-db</c>).</summary>
public static class WhatIfLinks
{
    public static ElementKind? KindOf(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && ElementKinds.TryParseSlug(id[..colon], out var kind) ? kind : null;
    }

    public static string Name(string id) => id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];

    public static string? Href(string id) => KindOf(id) is { } kind ? ElementRoutes.Details(kind, Name(id)) : null;

    public static ElementLink? Link(string id, string? title = null) => KindOf(id) is { } kind ? new ElementLink(kind, Name(id), title) : null;
}
