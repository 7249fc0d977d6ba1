using System.Runtime.InteropServices;

namespace Continuity.PlanFiles;

/// <summary>One plan file found on disk, or the reason it cannot be read. <see cref="Length"/>
/// is the size of the file itself (a link's target).</summary>
internal sealed record PlanFile(string Display, string FullPath, long Length, Diagnostic? Refused = null);

/// <summary>Finds the plan files under a path without opening anything: a named pipe would block
/// the reader for ever and a device (<c>/dev/zero</c>) never ends, so only regular files are
/// read, and folder links that lead back into the folders being read are not followed.</summary>
/// <remarks>Links to regular files and to folders are followed: plan repositories use them.</remarks>
internal static class PlanFolder
{
    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>The plan files at <paramref name="path"/>, in path order, or null when nothing is there.
    /// Folder links that loop are reported into <paramref name="diagnostics"/>.</summary>
    public static List<PlanFile>? Find(string path, List<Diagnostic> diagnostics)
    {
        if (Directory.Exists(path))
        {
            return Walk(path, diagnostics);
        }
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            return [Classify(path, path)];
        }
        return null;
    }

    private static List<PlanFile> Walk(string root, List<Diagnostic> diagnostics)
    {
        var files = new List<PlanFile>();
        var pending = new Stack<(string Folder, string Display, Ancestors Chain)>();
        pending.Push((root, root, new Ancestors(RealPath(root), null)));
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder.Folder).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }
                var display = Path.Join(folder.Display, entry.Name);
                if (entry is DirectoryInfo)
                {
                    var real = entry.LinkTarget is null ? Path.Join(folder.Chain.RealPath, entry.Name) : RealPath(entry.FullName);
                    if (folder.Chain.LeadsBackFrom(real) is { } reached)
                    {
                        diagnostics.Add(new Diagnostic(Severity.Error, PlanFileCodes.BrokenLink,
                            $"The folder link '{display}' leads back to '{reached}', which is being read already; following it would never end.",
                            new SourceLocation(display, 1, 1), "remove the link, or point it at a folder outside the plan"));
                        continue;
                    }
                    pending.Push((entry.FullName, display, new Ancestors(real, folder.Chain)));
                }
                else if (entry.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    files.Add(Classify(display, entry.FullName));
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Display, b.Display));
        return files;
    }

    /// <summary>Follows a link to its final target and looks at what that is, without opening it.</summary>
    private static PlanFile Classify(string display, string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (file.LinkTarget is { } written)
        {
            FileSystemInfo? target;
            try
            {
                target = file.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                return Refused(display, fullPath, PlanFileCodes.BrokenLink, $"The link '{display}' leads round in a loop of links and never reaches a file.",
                    "point the link at the plan file itself, or remove it");
            }
            if (target is null || !target.Exists)
            {
                return Refused(display, fullPath, PlanFileCodes.BrokenLink, $"The link '{display}' points at '{written}', which does not exist.",
                    "fix the link's target, or remove the link");
            }
            file = new FileInfo(target.FullName);
        }

        return TypeOf(file.FullName) switch
        {
            FileType.Regular or FileType.Unknown => new PlanFile(display, fullPath, file.Length),
            var other => Refused(display, fullPath, PlanFileCodes.NotARegularFile, $"'{display}' is {Describe(other)}, not a file; reading it could block or never end.",
                "plan files must be regular files: remove it from the plan folder, or rename it so that it does not end in .yaml"),
        };
    }

    private static PlanFile Refused(string display, string fullPath, string code, string message, string hint) =>
        new(display, fullPath, 0, new Diagnostic(Severity.Error, code, message, new SourceLocation(display, 1, 1), hint));

    private static string Describe(FileType type) => type switch
    {
        FileType.Pipe => "a named pipe (FIFO)",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Socket => "a socket",
        FileType.Directory => "a folder",
        _ => "something other than a file",
    };

    /// <summary>The path with every link in it resolved, so that one folder has one name
    /// however it is reached. More than 40 links in a row (the kernel's limit) is a loop.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = new Stack<string>(full[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var real = root;
        var links = 0;
        while (parts.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                real = Path.GetDirectoryName(real) ?? root;
                continue;
            }
            var next = Path.Join(real, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                real = next;
                continue;
            }
            if (++links > 40)
            {
                throw new IOException($"Too many levels of symbolic links in '{path}'.");
            }
            if (Path.IsPathRooted(target))
            {
                real = Path.GetPathRoot(target)!;
                target = target[real.Length..];
            }
            foreach (var targetPart in target.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                parts.Push(targetPart);
            }
        }
        return real;
    }

    /// <summary>The real paths of the folders from the one being read up to the root.</summary>
    private sealed record Ancestors(string RealPath, Ancestors? Up)
    {
        /// <summary>The folder being read that reading <paramref name="real"/> would come back to, if any.</summary>
        public string? LeadsBackFrom(string real)
        {
            for (var folder = this; folder is not null; folder = folder.Up)
            {
                if (folder.RealPath == real || folder.RealPath.StartsWith(Path.TrimEndingDirectorySeparator(real) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    return folder.RealPath;
                }
            }
            return null;
        }
    }

    private enum FileType { Unknown, Regular, Directory, Pipe, CharacterDevice, BlockDevice, Socket }

    /// <summary>What <paramref name="path"/> (after links) is, from statx(2) on Linux; .NET has no
    /// public API for it. Elsewhere, or where the call fails, the answer is Unknown and the loader
    /// reads nothing from an entry that reports no size (pipes and devices report none).</summary>
    private static FileType TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return FileType.Unknown;
        }
        var buffer = new byte[256];
        try
        {
            if (Native.Statx(Native.CurrentDirectory, path, 0, Native.StatxType, buffer) != 0)
            {
                return FileType.Unknown;
            }
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileType.Unknown;
        }
        var mode = BitConverter.ToUInt16(buffer, Native.ModeOffset);
        return (mode & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0x1000 => FileType.Pipe,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.Unknown,
        };
    }

    private static class Native
    {
        public const int CurrentDirectory = -100;
        public const uint StatxType = 1;

        // struct statx has the same layout on every Linux architecture: stx_mode is the u16 at byte 28.
        public const int ModeOffset = 28;

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
