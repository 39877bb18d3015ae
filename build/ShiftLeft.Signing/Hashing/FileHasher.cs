using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace ShiftLeft.Signing.Hashing;

/// <summary>A byte range of one file to hash (whole file: Start 0, Length = FileLength). FileLength is the size
/// the file had when the work was planned; a different size at hashing time is reported as an I/O error.</summary>
public readonly record struct HashRange(string FilePath, long Start, long Length, long FileLength);

/// <summary>
/// Streaming SHA-256 over files: <see cref="IncrementalHash"/>, 1 MiB pooled buffers, sequential-scan hint,
/// never the whole file in memory. Several ranges are hashed in parallel (one per core) only when there is
/// enough data for it to pay off; a single large file is hashed on one core (SHA-NI is memory bound).
/// </summary>
public static class FileHasher
{
    public const int BufferSize = 1 << 20;

    /// <summary>Below this many bytes in total, hashing runs on the calling thread.</summary>
    public const long ParallelThresholdBytes = 8L << 20;

    public static byte[] HashFile(string path, CancellationToken cancellationToken = default)
    {
        using FileStream fs = Open(path);
        return HashStream(fs, path, 0, fs.Length, cancellationToken);
    }

    public static byte[] HashRange(HashRange range, CancellationToken cancellationToken = default)
    {
        using FileStream fs = Open(range.FilePath);
        if (fs.Length != range.FileLength || range.Start < 0 || range.Start + range.Length > range.FileLength)
        {
            throw new SigningException(ErrorCodes.IoError,
                $"'{range.FilePath}' changed while it was being hashed (size {fs.Length}, expected {range.FileLength})",
                range.FilePath);
        }

        return HashStream(fs, range.FilePath, range.Start, range.Length, cancellationToken);
    }

    /// <summary>Hashes every range; result[i] is the SHA-256 of ranges[i].</summary>
    public static byte[][] HashAll(IReadOnlyList<HashRange> ranges, CancellationToken cancellationToken = default)
    {
        var results = new byte[ranges.Count][];
        long total = 0;
        foreach (HashRange r in ranges)
        {
            total += r.Length;
        }

        int cores = Environment.ProcessorCount;
        if (ranges.Count < 2 || cores < 2 || total < ParallelThresholdBytes)
        {
            for (int i = 0; i < ranges.Count; i++)
            {
                results[i] = HashRange(ranges[i], cancellationToken);
            }

            return results;
        }

        // Largest first so one big file does not end up last on one core.
        var order = new int[ranges.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => ranges[b].Length.CompareTo(ranges[a].Length));
        try
        {
            Parallel.ForEach(order,
                new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = cancellationToken },
                i => results[i] = HashRange(ranges[i], cancellationToken));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return results;
    }

    private static FileStream Open(string path)
    {
        try
        {
            // bufferSize 0: no FileStream buffer; we read in 1 MiB chunks ourselves.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningException(ErrorCodes.IoError, $"cannot read '{path}': {e.Message}", path, e);
        }
    }

    private static byte[] HashStream(FileStream fs, string path, long start, long length, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (start != 0)
            {
                fs.Seek(start, SeekOrigin.Begin);
            }

            long remaining = length;
            while (remaining > 0)
            {
                ct.ThrowIfCancellationRequested();
                int want = (int)Math.Min(BufferSize, remaining);
                int n = fs.Read(buffer, 0, want);
                if (n <= 0)
                {
                    throw new SigningException(ErrorCodes.IoError,
                        $"'{path}' changed while it was being hashed (unexpected end of file)", path);
                }

                hash.AppendData(buffer, 0, n);
                remaining -= n;
            }

            return hash.GetHashAndReset();
        }
        catch (IOException e)
        {
            throw new SigningException(ErrorCodes.IoError, $"cannot read '{path}': {e.Message}", path, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
