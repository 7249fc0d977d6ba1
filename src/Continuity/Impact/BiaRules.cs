using Continuity.PlanFiles;

namespace Continuity.Impact;

/// <summary>The first point of a function's impact analysis at which a category reaches the
/// organisation's intolerable rating: the MTPD the analysis suggests.</summary>
public sealed record IntolerablePoint(Duration At, string Category, ImpactRating Rating);

/// <summary>Rules of the business impact analysis shared by the plan checks (CT109) and the BIA editor,
/// so that the suggestion the editor makes is the one the checks hold the MTPD against.</summary>
public static class BiaRules
{
    /// <summary>The earliest time point at which any category is rated at or above
    /// <see cref="ImpactScales.IntolerableFrom"/> (ties: the category first by name), or null when
    /// no rating is intolerable.</summary>
    public static IntolerablePoint? FirstIntolerable(BusinessFunctionSpec spec, ImpactScales scales)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scales);
        IntolerablePoint? first = null;
        foreach (var (category, ratings) in spec.Impact)
        {
            foreach (var (at, rating) in ratings)
            {
                if (rating >= scales.IntolerableFrom && (first is null || at < first.At
                    || (at == first.At && string.CompareOrdinal(category, first.Category) < 0)))
                {
                    first = new IntolerablePoint(at, category, rating);
                }
            }
        }
        return first;
    }
}
