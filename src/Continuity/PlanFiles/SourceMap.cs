using System.Runtime.InteropServices;

namespace Continuity.PlanFiles;

/// <summary>Remembers where in the plan files each loaded object and property came from, so
/// that problems found later (an unknown reference, a cycle) can point at file:line:column.</summary>
/// <remarks>A large plan has about a million located values and only a few of them are ever
/// looked up, so recording one must be cheap: it appends an entry to a log, with the location as
/// plain numbers. The index that finds an object's entries is built on the first lookup, and a
/// <see cref="SourceLocation"/> is only made when one is asked for.</remarks>
public sealed class SourceMap
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<string> _files = [];

    // The log, in chunks so that growing it never copies (or doubles) a large array.
    private readonly List<Entry[]> _chunks = [];
    private int _count;

    private Index? _index;
    private readonly Lock _indexing = new();

    /// <summary>The number under which locations in <paramref name="file"/> are recorded.</summary>
    internal int File(string file)
    {
        var index = _files.IndexOf(file);
        if (index < 0)
        {
            index = _files.Count;
            _files.Add(file);
        }
        return index;
    }

    /// <summary>Records where <paramref name="value"/> starts; the first place recorded for it counts.</summary>
    internal void Add(object value, Position at) => Append(new Entry(value, null, at));

    /// <summary>Records where the value of <paramref name="owner"/>'s <paramref name="key"/> is;
    /// the first place recorded for it counts.</summary>
    internal void Add(object owner, string key, Position at) => Append(new Entry(owner, key, at));

    /// <summary>Takes over everything <paramref name="other"/> recorded (a file read on another thread).</summary>
    internal void AddAll(SourceMap other)
    {
        var files = other._files.Select(File).ToArray();
        for (var at = 0; at < other._count; at++)
        {
            var entry = other.EntryAt(at);
            Append(entry with { At = entry.At with { File = files[entry.At.File] } });
        }
    }

    /// <summary>Where an object (a document's spec, a step, a reference) starts.</summary>
    public SourceLocation? Locate(object value) =>
        CurrentIndex().Owners.TryGetValue(value, out var owner) ? LocationOf(owner.Start) : null;

    /// <summary>Where a property's value is; falls back to where its owner starts.</summary>
    public SourceLocation? Locate(object owner, string key)
    {
        var index = CurrentIndex();
        if (!index.Owners.TryGetValue(owner, out var entries))
        {
            return null;
        }
        for (var at = entries.FirstProperty; at >= 0; at = index.NextProperty[at])
        {
            if (EntryAt(at).Key == key)
            {
                return LocationOf(at);
            }
        }
        return LocationOf(entries.Start);
    }

    private void Append(Entry entry)
    {
        if ((_count & (ChunkSize - 1)) == 0 && _count >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(new Entry[ChunkSize]);
        }
        _chunks[_count >> ChunkBits][_count & (ChunkSize - 1)] = entry;
        _count++;
        _index = null;
    }

    private ref Entry EntryAt(int at) => ref _chunks[at >> ChunkBits][at & (ChunkSize - 1)];

    private SourceLocation? LocationOf(int entry)
    {
        if (entry < 0)
        {
            return null;
        }
        var at = EntryAt(entry).At;
        return new SourceLocation(_files[at.File], at.Line, at.Column);
    }

    private Index CurrentIndex()
    {
        if (_index is { } index)
        {
            return index;
        }
        lock (_indexing)
        {
            return _index ??= BuildIndex();
        }
    }

    /// <summary>Each object's first start entry, and its property entries chained oldest first.</summary>
    private Index BuildIndex()
    {
        var owners = new Dictionary<object, OwnerEntries>(ReferenceEqualityComparer.Instance);
        var next = new int[_count];
        for (var at = 0; at < _count; at++)
        {
            ref var entry = ref EntryAt(at);
            ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(owners, entry.Owner, out var exists);
            if (!exists)
            {
                owner = new OwnerEntries();
            }
            next[at] = -1;
            if (entry.Key is null)
            {
                if (owner.Start < 0)
                {
                    owner.Start = at;
                }
            }
            else
            {
                if (owner.LastProperty < 0)
                {
                    owner.FirstProperty = at;
                }
                else
                {
                    next[owner.LastProperty] = at;
                }
                owner.LastProperty = at;
            }
        }
        return new Index(owners, next);
    }

    /// <summary>A place in a file: its number (see <see cref="File"/>), line and column from 1.</summary>
    internal readonly record struct Position(int File, int Line, int Column);

    /// <summary>One recorded place: where an object starts (no key), or where one of its properties is.</summary>
    private readonly record struct Entry(object Owner, string? Key, Position At);

    private struct OwnerEntries()
    {
        public int Start = -1;
        public int FirstProperty = -1;
        public int LastProperty = -1;
    }

    private sealed record Index(Dictionary<object, OwnerEntries> Owners, int[] NextProperty);
}
