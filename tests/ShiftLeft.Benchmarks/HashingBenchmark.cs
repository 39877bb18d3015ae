using System.Diagnostics;
using System.Security.Cryptography;
using ShiftLeft.Signing.Hashing;
using ShiftLeft.Signing.Manifest;

namespace ShiftLeft.Benchmarks;

/// <summary>
/// `hash [fileMiB] [dirFiles] [dirFileKiB]`: model hashing throughput next to `openssl dgst -sha256` on the same
/// files in the same run (page cache warm for both): one large file (default 1024 MiB) and a many-file model
/// directory (default 4000 files × 128 KiB). Prints GB/s and the ratio to OpenSSL. The target is ≥ 0.9×.
/// </summary>
internal static class HashingBenchmark
{
    public static int Run(string[] args)
    {
        var fileMiB = args.Length > 0 ? int.Parse(args[0]) : 1024;
        var dirFiles = args.Length > 1 ? int.Parse(args[1]) : 4000;
        var fileKiB = args.Length > 2 ? int.Parse(args[2]) : 128;
        var work = Directory.CreateTempSubdirectory("shiftleft-hash-").FullName;
        try
        {
            var big = Path.Combine(work, "model.bin");
            WriteRandom(big, (long)fileMiB << 20);
            var dir = Path.Combine(work, "model-dir");
            for (var i = 0; i < dirFiles; i++)
                WriteRandom(Path.Combine(dir, $"shard-{i / 100:D3}", $"part-{i:D5}.bin"), (long)fileKiB << 10);
            Console.WriteLine($"cores: {Environment.ProcessorCount}; large file {fileMiB} MiB; directory {dirFiles} files x {fileKiB} KiB = {dirFiles * (long)fileKiB >> 10} MiB");

            // Warm the page cache for both contenders.
            OpenSsl(big);
            FileHasher.HashFile(big);

            Report("large file: openssl dgst -sha256", big, () => OpenSsl(big), (long)fileMiB << 20, out var opensslFile);
            Report("large file: FileHasher.HashFile", big, () => FileHasher.HashFile(big), (long)fileMiB << 20, out var oursFile);
            Report("large file: manifest (files method)", big, () => ModelSerializer.Serialize(big, new ModelSerializationOptions()), (long)fileMiB << 20, out var oursManifest);
            Report("large file: manifest (shards, 64 MiB)", big,
                () => ModelSerializer.Serialize(big, new ModelSerializationOptions { Method = SerializationMethod.Shards, ShardSize = 64L << 20 }), (long)fileMiB << 20, out var oursShards);

            var dirBytes = dirFiles * ((long)fileKiB << 10);
            var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories);
            OpenSslMany(files);
            Report("directory: openssl dgst -sha256 (batched)", dir, () => OpenSslMany(files), dirBytes, out var opensslDir);
            Report("directory: manifest (files method)", dir, () => ModelSerializer.Serialize(dir, new ModelSerializationOptions()), dirBytes, out var oursDir);

            Console.WriteLine();
            Console.WriteLine($"ratio large file, one core (HashFile / openssl):      {oursFile / opensslFile:F2}x");
            Console.WriteLine($"ratio large file, files manifest / openssl:           {oursManifest / opensslFile:F2}x");
            Console.WriteLine($"ratio large file, shards manifest / openssl:          {oursShards / opensslFile:F2}x");
            Console.WriteLine($"ratio directory, files manifest / openssl (batched):  {oursDir / opensslDir:F2}x");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Report(string name, string path, Action run, long bytes, out double gbPerSecond)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalSeconds);
        }

        times.Sort();
        var best = times[0];
        gbPerSecond = bytes / best / 1e9;
        Console.WriteLine($"{name,-46} best {best * 1000,8:F0} ms  median {times[1] * 1000,8:F0} ms  {gbPerSecond,6:F2} GB/s");
    }

    private static void WriteRandom(string path, long length)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var buffer = new byte[Math.Min(length, 1 << 20)];
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        for (long written = 0; written < length; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            fs.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }
    }

    private static void OpenSsl(string file) => RunOpenSsl(new[] { file });

    private static void OpenSslMany(string[] files)
    {
        // One process per 500 files, like `xargs openssl dgst -sha256`.
        foreach (var batch in files.Chunk(500))
            RunOpenSsl(batch);
    }

    private static void RunOpenSsl(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("dgst");
        start.ArgumentList.Add("-sha256");
        foreach (var f in files)
            start.ArgumentList.Add(f);
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException("openssl failed: " + p.StandardError.ReadToEnd());
    }
}
