using System.Runtime.CompilerServices;
using Continuity.Checks;
using Microsoft.Extensions.Caching.Memory;

namespace Continuity.Web.Pictures;

/// <summary>Rendered pictures (sanitised SVG) and the recovery waves, kept per analysis of the
/// plan: a key is the analysis (one per plan revision and day, see <see cref="AnalysisCache"/>)
/// and the question (<c>function:order-intake@2</c>), so a repeat costs no layout and any change
/// of the plan misses. Bounded: at most <see cref="SizeLimit"/> characters of SVG are kept, the
/// least recently used leave first. Values are immutable strings and records.</summary>
public sealed class PictureCache(Graphviz graphviz) : IDisposable
{
    public const long SizeLimit = 40_000_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });
    private readonly ConditionalWeakTable<AnalysisResult, object> _stamps = [];
    private long _nextStamp;

    /// <summary>The picture <paramref name="what"/> of <paramref name="analysis"/>: from the cache,
    /// or laid out by Graphviz from the DOT text <paramref name="dot"/> gives. Failures are not
    /// kept, so installing Graphviz takes effect at once.</summary>
    public async Task<GraphvizOutcome> SvgAsync(AnalysisResult analysis, string what, Func<string> dot, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dot);
        var key = Key(analysis, "svg:" + what);
        if (_cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return new GraphvizOutcome(cached, null);
        }
        var outcome = await graphviz.RenderSvgAsync(dot(), cancellationToken);
        if (outcome.Svg is null)
        {
            return outcome;
        }
        var svg = InlineSvg.Sanitise(outcome.Svg, label);
        if (svg is null)
        {
            return new GraphvizOutcome(null, "Graphviz gave no picture (its output is not SVG).");
        }
        _cache.Set(key, svg, new MemoryCacheEntryOptions { Size = Math.Max(1, svg.Length) });
        return new GraphvizOutcome(svg, null);
    }

    /// <summary>A value computed once per analysis (such as the recovery waves of the whole plan).</summary>
    public T Remember<T>(AnalysisResult analysis, string what, long size, Func<T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = Key(analysis, "value:" + what);
        if (_cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }
        var value = compute();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, size) });
        return value;
    }

    private (long Stamp, string What) Key(AnalysisResult analysis, string what)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var stamp = (StrongBox<long>)_stamps.GetValue(analysis, _ => new StrongBox<long>(Interlocked.Increment(ref _nextStamp)));
        return (stamp.Value, what);
    }

    public void Dispose() => _cache.Dispose();
}

internal static class PictureServices
{
    /// <summary>Graphviz (options validated on start) and the cache of pictures, one of each.</summary>
    public static IServiceCollection AddDependencyPictures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphvizOptions>().Bind(configuration.GetSection(GraphvizOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Graphviz>();
        services.AddSingleton<PictureCache>();
        return services;
    }
}
