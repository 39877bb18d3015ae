using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ShiftLeft.Signing.Hashing;

namespace ShiftLeft.Signing.Manifest;

/// <summary>How to serialize a model into a manifest.</summary>
public sealed class ModelSerializationOptions
{
    /// <summary>Always ignored at the model root (component-prefix match).</summary>
    public static readonly IReadOnlyList<string> DefaultIgnorePaths = new[] { ".git", ".gitattributes", ".github", ".gitignore" };

    public SerializationMethod Method { get; init; } = SerializationMethod.Files;
    public long ShardSize { get; init; } = SerializationParameters.DefaultShardSize;
    public bool AllowSymlinks { get; init; }

    /// <summary>Extra paths to ignore: absolute, or relative to the model root. Paths outside the model are
    /// dropped.</summary>
    public IReadOnlyList<string> IgnorePaths { get; init; } = Array.Empty<string>();

    /// <summary>The signature file; ignored when it lies inside the model directory.</summary>
    public string? SignaturePath { get; init; }
}

/// <summary>One regular file of the model (after ignores), in canonical order.</summary>
public sealed record PlannedFile(string RelativePath, string FullPath, long Length);

/// <summary>The files of a model, enumerated and ordered but not yet hashed.</summary>
public sealed class ModelPlan
{
    internal ModelPlan(string root, bool isFile, string modelName, IReadOnlyList<PlannedFile> files,
        IReadOnlyList<string> ignorePaths)
    {
        Root = root;
        IsFile = isFile;
        ModelName = modelName;
        Files = files;
        IgnorePaths = ignorePaths;
    }

    /// <summary>Full path of the model file or directory.</summary>
    public string Root { get; }
    public bool IsFile { get; }
    public string ModelName { get; }
    public IReadOnlyList<PlannedFile> Files { get; }

    /// <summary>Effective ignore paths (POSIX, relative to the root) that were applied.</summary>
    public IReadOnlyList<string> IgnorePaths { get; }
}

/// <summary>Builds OMS manifests from a model file or directory (model_signing <c>files</c> / <c>shards</c>).</summary>
public static class ModelSerializer
{
    private const int MaxDepth = 256;

    public static ModelManifest Serialize(string modelPath, ModelSerializationOptions options,
        CancellationToken cancellationToken = default)
    {
        ModelPlan plan = Plan(modelPath, options);
        return Hash(plan, new SerializationParameters
        {
            Method = options.Method,
            ShardSize = options.ShardSize,
            AllowSymlinks = options.AllowSymlinks,
            IgnorePaths = plan.IgnorePaths,
        }, cancellationToken);
    }

    /// <summary>Enumerates the model: applies ignore paths and the symlink policy, orders files by path components.</summary>
    public static ModelPlan Plan(string modelPath, ModelSerializationOptions options)
    {
        if (options.ShardSize <= 0)
        {
            throw new SigningException(ErrorCodes.InvalidArguments, "shard size must be positive");
        }

        string root;
        try
        {
            root = Path.GetFullPath(modelPath);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SigningException(ErrorCodes.ModelNotFound, $"invalid model path '{modelPath}': {e.Message}", modelPath, e);
        }

        root = Path.TrimEndingDirectorySeparator(root);
        FileSystemInfo info = Stat(root);
        if (!info.Exists)
        {
            throw new SigningException(ErrorCodes.ModelNotFound, $"model path '{modelPath}' does not exist", modelPath);
        }

        if (info.LinkTarget is not null)
        {
            if (!options.AllowSymlinks)
            {
                throw new SigningException(ErrorCodes.SymlinkNotAllowed,
                    $"model path '{modelPath}' is a symbolic link and symlinks are not allowed", modelPath);
            }

            info = ResolveLink(info, modelPath);
        }

        string modelName = Path.GetFileName(root);
        if (modelName.Length == 0)
        {
            modelName = root;
        }

        if (info is FileInfo fi)
        {
            return new ModelPlan(root, true, modelName, new[] { new PlannedFile(".", root, fi.Length) },
                Array.Empty<string>());
        }

        var ignores = new List<string>(ModelSerializationOptions.DefaultIgnorePaths);
        if (options.SignaturePath is not null)
        {
            AddIgnore(ignores, root, options.SignaturePath);
        }

        foreach (string p in options.IgnorePaths)
        {
            AddIgnore(ignores, root, p);
        }

        var files = new List<PlannedFile>();
        var activeDirs = new HashSet<string>(StringComparer.Ordinal) { root };
        Walk((DirectoryInfo)info, "", ignores, options.AllowSymlinks, files, activeDirs, 0);
        files.Sort((a, b) => ModelPaths.Compare(a.RelativePath, b.RelativePath));
        return new ModelPlan(root, false, modelName, files, ignores);
    }

    /// <summary>Hashes a plan into a manifest with the given parameters.</summary>
    public static ModelManifest Hash(ModelPlan plan, SerializationParameters parameters,
        CancellationToken cancellationToken = default)
    {
        if (!string.Equals(parameters.HashType, "sha256", StringComparison.Ordinal))
        {
            throw new SigningException(ErrorCodes.UnsupportedPredicate, $"unsupported hash type '{parameters.HashType}'");
        }

        var ranges = new List<HashRange>();
        var owners = new List<(PlannedFile File, long Start, long End)>();
        foreach (PlannedFile f in plan.Files)
        {
            if (parameters.Method == SerializationMethod.Files)
            {
                ranges.Add(new HashRange(f.FullPath, 0, f.Length, f.Length));
                owners.Add((f, 0, f.Length));
                continue;
            }

            for (long start = 0; start < f.Length; start += parameters.ShardSize)
            {
                long end = Math.Min(f.Length, start + parameters.ShardSize);
                ranges.Add(new HashRange(f.FullPath, start, end - start, f.Length));
                owners.Add((f, start, end));
            }
        }

        byte[][] digests = FileHasher.HashAll(ranges, cancellationToken);
        var resources = new List<ManifestResource>(ranges.Count);
        string algorithm = parameters.ResourceAlgorithm;
        for (int i = 0; i < digests.Length; i++)
        {
            (PlannedFile f, long start, long end) = owners[i];
            resources.Add(parameters.Method == SerializationMethod.Files
                ? new ManifestResource(f.RelativePath, null, null, algorithm, digests[i])
                : new ManifestResource(f.RelativePath, start, end, algorithm, digests[i]));
        }

        return new ModelManifest(plan.ModelName, parameters, resources);
    }

    /// <summary>True when <paramref name="relativePath"/> is covered by one of <paramref name="ignores"/>.</summary>
    public static bool IsIgnored(string relativePath, IEnumerable<string> ignores)
    {
        foreach (string i in ignores)
        {
            if (ModelPaths.IsComponentPrefix(i, relativePath))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddIgnore(List<string> ignores, string root, string path)
    {
        string? rel;
        if (Path.IsPathRooted(path))
        {
            string full = Path.GetFullPath(path);
            rel = Path.GetRelativePath(root, full);
            if (rel == "." || Path.IsPathRooted(rel) || rel == ".." ||
                rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return; // outside the model (or the model itself): nothing to ignore inside it
            }
        }
        else
        {
            rel = path;
        }

        rel = ModelPaths.NormalizeRelative(rel.Replace(Path.DirectorySeparatorChar, '/'));
        if (!string.IsNullOrEmpty(rel) && !ignores.Contains(rel))
        {
            ignores.Add(rel);
        }
    }

    private static void Walk(DirectoryInfo dir, string relDir, List<string> ignores, bool allowSymlinks,
        List<PlannedFile> files, HashSet<string> activeDirs, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SigningException(ErrorCodes.IoError, $"directory nesting deeper than {MaxDepth} at '{dir.FullName}'", dir.FullName);
        }

        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = dir.EnumerateFileSystemInfos();
            var list = new List<FileSystemInfo>(entries);
            entries = list;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningException(ErrorCodes.IoError, $"cannot list '{dir.FullName}': {e.Message}", dir.FullName, e);
        }

        foreach (FileSystemInfo entry in entries)
        {
            string rel = relDir.Length == 0 ? entry.Name : relDir + "/" + entry.Name;
            if (IsIgnored(rel, ignores))
            {
                continue;
            }

            string? invalid = ModelPaths.Validate(rel, allowDot: false);
            if (invalid is not null)
            {
                throw new SigningException(ErrorCodes.PathEscape,
                    $"model path '{rel}' cannot be signed portably: {invalid}", entry.FullName);
            }

            FileSystemInfo target = entry;
            if (entry.LinkTarget is not null)
            {
                if (!allowSymlinks)
                {
                    throw new SigningException(ErrorCodes.SymlinkNotAllowed,
                        $"'{rel}' is a symbolic link and symlinks are not allowed", entry.FullName);
                }

                target = ResolveLink(entry, rel);
            }

            if (target is DirectoryInfo sub)
            {
                string key = Path.TrimEndingDirectorySeparator(sub.FullName);
                if (!activeDirs.Add(key))
                {
                    throw new SigningException(ErrorCodes.SymlinkNotAllowed, $"symbolic link cycle at '{rel}'", entry.FullName);
                }

                Walk(sub, rel, ignores, allowSymlinks, files, activeDirs, depth + 1);
                activeDirs.Remove(key);
            }
            else
            {
                files.Add(new PlannedFile(rel, entry.FullName, ((FileInfo)target).Length));
            }
        }
    }

    private static FileSystemInfo Stat(string path)
    {
        if (Directory.Exists(path))
        {
            return new DirectoryInfo(path);
        }

        var fi = new FileInfo(path);
        if (fi.Exists || fi.LinkTarget is not null)
        {
            return fi;
        }

        // A dangling link or a link to a directory reports differently; DirectoryInfo covers the latter.
        var di = new DirectoryInfo(path);
        return di.LinkTarget is not null ? di : fi;
    }

    private static FileSystemInfo ResolveLink(FileSystemInfo link, string display)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException e)
        {
            throw new SigningException(ErrorCodes.IoError, $"cannot resolve symbolic link '{display}': {e.Message}", link.FullName, e);
        }

        if (target is null || !target.Exists)
        {
            throw new SigningException(ErrorCodes.IoError, $"symbolic link '{display}' points to a missing target", link.FullName);
        }

        // ResolveLinkTarget may return FileInfo for a directory target; normalize.
        return Directory.Exists(target.FullName) ? new DirectoryInfo(target.FullName) : new FileInfo(target.FullName);
    }
}
