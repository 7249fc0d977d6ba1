using Continuity.PlanFiles;

namespace Continuity.Store;

/// <summary>What an import did (or, for a dry run, would do), per kind in kind order. Element ids
/// are written <c>kind:name</c> and sorted by name.</summary>
public sealed record ImportReport(bool DryRun, IReadOnlyList<KindChanges> Kinds)
{
    public IEnumerable<string> Created => Kinds.SelectMany(k => k.Created);

    public IEnumerable<string> Updated => Kinds.SelectMany(k => k.Updated);

    public IEnumerable<string> Removed => Kinds.SelectMany(k => k.Removed);

    public IEnumerable<string> Unchanged => Kinds.SelectMany(k => k.Unchanged);

    /// <summary>The plan revision after the import (before it, when nothing changed).</summary>
    public long Revision { get; init; }

    public bool HasChanges => Kinds.Any(k => k.Created.Count + k.Updated.Count + k.Removed.Count > 0);
}

/// <summary>The elements of one kind that an import created, updated, removed or left unchanged.</summary>
public sealed record KindChanges(
    ElementKind Kind,
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Unchanged);
