using System.Runtime.CompilerServices;

namespace Continuity.Checks;

/// <summary>What a page or the control status derives from the analysis of one plan revision alone (counts, top tens,
/// rows built from every finding): computed once per <see cref="AnalysisResult"/> and shared by
/// every request that reads the same revision, so a page's own work stays proportional to what it
/// shows. The value is shared across threads and must be immutable. It lives as long as its
/// result: a new revision brings a new result and the old value goes with the old result.</summary>
public sealed class PerAnalysis<T>(Func<AnalysisResult, T> derive)
    where T : class
{
    private readonly ConditionalWeakTable<AnalysisResult, T> _values = [];

    public T Of(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _values.GetValue(result, r => derive(r));
    }
}
