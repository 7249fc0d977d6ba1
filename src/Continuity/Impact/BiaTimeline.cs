using Continuity.PlanFiles;

namespace Continuity.Impact;

/// <summary>Reads a function's business impact analysis grid along the organisation's time points.</summary>
internal static class BiaTimeline
{
    public static BiaScale Scale(OrganisationSpec organisation) =>
        new(
            organisation.Currency,
            [.. organisation.Impact.Categories],
            [.. organisation.Impact.TimePoints.Select(t => t.Minutes).Distinct().Order()],
            organisation.Impact.IntolerableFrom);

    /// <summary>The impact at each time point up to <paramref name="horizon"/> minutes (every time point when null).</summary>
    public static ImpactTimeline Of(BusinessFunctionSpec? function, BiaScale scale, int? horizon)
    {
        if (function is null)
        {
            return new ImpactTimeline(horizon, [], null, null, null);
        }
        // The organisation's categories first, in its order; then any others the grid rates, by name.
        var categories = scale.Categories
            .Concat(function.Impact.Keys.Where(k => !scale.Categories.Contains(k)).Order(StringComparer.Ordinal))
            .ToList();
        var points = new List<ImpactPoint>();
        foreach (var minutes in scale.TimePoints)
        {
            if (horizon is { } limit && minutes > limit)
            {
                break;
            }
            var at = new Duration(minutes);
            var ratings = new List<CategoryRating>();
            foreach (var category in categories)
            {
                if (function.Impact.TryGetValue(category, out var grid) && grid.TryGetValue(at, out var rating))
                {
                    ratings.Add(new CategoryRating(category, rating));
                }
            }
            ImpactRating? worst = ratings.Count == 0 ? null : ratings.Max(r => r.Rating);
            long? loss = function.FinancialLoss.TryGetValue(at, out var amount) ? amount : null;
            points.Add(new ImpactPoint(minutes, ratings, worst, worst >= scale.IntolerableFrom, loss));
        }

        var rated = points.Where(p => p.Worst is not null).ToList();
        var lost = points.LastOrDefault(p => p.Loss is not null);
        return new ImpactTimeline(
            horizon,
            points,
            rated.Count == 0 ? null : rated.Max(p => p.Worst!.Value),
            lost?.Loss,
            lost?.Minutes);
    }
}
