using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;

namespace ShiftLeft.Tasks;

internal static class TaskSupport
{
    /// <summary>Logs an SL9xxx error with the code as help keyword and the file it concerns.</summary>
    public static void Error(TaskLoggingHelper log, string code, string message, string? file)
    {
        // Message passed as an argument so braces in paths are not treated as format items.
        log.LogError(subcategory: null, errorCode: code, helpKeyword: code, file: file ?? string.Empty,
            lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: "{0}", message);
    }

    public static void Error(TaskLoggingHelper log, Failure failure, string? fallbackFile) =>
        Error(log, failure.Code, failure.Message, failure.Path ?? fallbackFile);

    /// <summary>Splits ';'-separated metadata and item lists, dropping blanks.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? Array.Empty<string>()
            : value!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

    public static IReadOnlyList<string> Combine(IEnumerable<string>? a, IEnumerable<string> b) =>
        (a ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Concat(b).ToArray();

    public static string? Metadata(ITaskItem item, string name)
    {
        string v = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(v) ? null : v;
    }
}
