using System;
using System.IO;

namespace ShiftLeft.Signing.IO;

/// <summary>Writes whole files atomically: a temp file in the same directory, flushed, then renamed over the
/// target. Readers never see partial output; on failure the temp file is removed and the target is untouched.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="privateFile">On Unix, create the file with mode 0600 (private keys).</param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool privateFile = false)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SigningException(ErrorCodes.IoError, $"invalid output path '{path}': {e.Message}", path, e);
        }

        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"directory '{dir}' does not exist");
            }

            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (privateFile && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var fs = new FileStream(temp, options))
            {
                fs.Write(content);
                fs.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new SigningException(ErrorCodes.IoError, $"cannot write '{path}': {e.Message}", path, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes only when the file does not already hold exactly <paramref name="content"/>.
    /// Returns true when the file was (re)written.</summary>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> content, bool privateFile = false)
    {
        if (ContentEquals(path, content))
        {
            return false;
        }

        Write(path, content, privateFile);
        return true;
    }

    public static bool ContentEquals(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length)
            {
                return false;
            }

            return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
