using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    internal enum ConfigFileKind
    {
        None,
        Json,
        DotEnv,
        Xml,
    }

    /// <summary>A value in a configuration file: its key path, decoded value, and the span of its raw
    /// text in the file.</summary>
    internal readonly struct ConfigEntry
    {
        public ConfigEntry(string path, string leaf, string value, int start, int length)
        {
            Path = path;
            Leaf = leaf;
            Value = value;
            Start = start;
            Length = length;
        }

        /// <summary>Display path, e.g. <c>OpenAI:ApiKey</c> or <c>OPENAI_API_KEY</c>.</summary>
        public string Path { get; }

        /// <summary>The name that decides the secret-name heuristic (last meaningful key).</summary>
        public string Leaf { get; }

        public string Value { get; }

        public int Start { get; }

        public int Length { get; }
    }

    /// <summary>Tolerant, allocation-light readers for the configuration files SL3004 checks. They
    /// never throw: malformed input yields the entries read so far.</summary>
    internal static class ConfigFileScanner
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

        public static ConfigFileKind Classify(string? path)
        {
            if (path is null)
                return ConfigFileKind.None;
            string name;
            try
            {
                name = Path.GetFileName(path);
            }
            catch (ArgumentException)
            {
                return ConfigFileKind.None;
            }

            var lower = name.ToLowerInvariant();
            if (lower.EndsWith(".json", StringComparison.Ordinal) &&
                (lower.StartsWith("appsettings", StringComparison.Ordinal) || lower == "launchsettings.json" || lower.StartsWith("secrets", StringComparison.Ordinal)))
                return ConfigFileKind.Json;
            if (lower == ".env" || lower.EndsWith(".env", StringComparison.Ordinal) || lower.StartsWith(".env.", StringComparison.Ordinal))
                return ConfigFileKind.DotEnv;
            if (lower.EndsWith(".config", StringComparison.Ordinal))
                return ConfigFileKind.Xml;
            return ConfigFileKind.None;
        }

        public static List<ConfigEntry> Read(ConfigFileKind kind, string text)
        {
            var entries = new List<ConfigEntry>();
            try
            {
                switch (kind)
                {
                    case ConfigFileKind.Json:
                        ReadJson(text, entries);
                        break;
                    case ConfigFileKind.DotEnv:
                        ReadDotEnv(text, entries);
                        break;
                    case ConfigFileKind.Xml:
                        ReadXml(text, entries);
                        break;
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
            catch (ArgumentOutOfRangeException)
            {
            }

            return entries;
        }

        // ---- JSON (with // and /* */ comments, as appsettings allows) -------------------------------

        private static void ReadJson(string text, List<ConfigEntry> entries)
        {
            var stack = new List<(bool IsObject, string? Key, int Index)>();
            string? pendingKey = null;
            var expectKey = false;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c) || c == ',' || c == ':')
                {
                    if (c == ',' && stack.Count > 0)
                    {
                        var top = stack[stack.Count - 1];
                        if (top.IsObject)
                            expectKey = true;
                        else
                            stack[stack.Count - 1] = (false, top.Key, top.Index + 1);
                    }

                    i++;
                    continue;
                }

                if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n')
                        i++;
                    continue;
                }

                if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? text.Length : end + 2;
                    continue;
                }

                if (c == '{' || c == '[')
                {
                    stack.Add((c == '{', CurrentKey(stack, pendingKey), 0));
                    pendingKey = null;
                    expectKey = c == '{';
                    i++;
                    continue;
                }

                if (c == '}' || c == ']')
                {
                    if (stack.Count > 0)
                        stack.RemoveAt(stack.Count - 1);
                    pendingKey = null;
                    expectKey = false;
                    i++;
                    continue;
                }

                if (c == '"')
                {
                    var start = i + 1;
                    var sb = new StringBuilder();
                    var j = start;
                    while (j < text.Length && text[j] != '"')
                    {
                        if (text[j] == '\\' && j + 1 < text.Length)
                        {
                            var e = text[j + 1];
                            switch (e)
                            {
                                case 'n': sb.Append('\n'); break;
                                case 'r': sb.Append('\r'); break;
                                case 't': sb.Append('\t'); break;
                                case 'b': sb.Append('\b'); break;
                                case 'f': sb.Append('\f'); break;
                                case 'u' when j + 5 < text.Length && int.TryParse(text.Substring(j + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                                    sb.Append((char)code);
                                    j += 4;
                                    break;
                                default: sb.Append(e); break;
                            }

                            j += 2;
                            continue;
                        }

                        if (text[j] == '\n')
                            break;
                        sb.Append(text[j]);
                        j++;
                    }

                    var value = sb.ToString();
                    var inObject = stack.Count > 0 && stack[stack.Count - 1].IsObject;
                    if (inObject && expectKey)
                    {
                        pendingKey = value;
                        expectKey = false;
                    }
                    else
                    {
                        var path = BuildPath(stack, pendingKey);
                        entries.Add(new ConfigEntry(path, LeafName(stack, pendingKey), value, start, j - start));
                        pendingKey = null;
                    }

                    i = j + 1;
                    continue;
                }

                // numbers, true/false/null
                while (i < text.Length && !(char.IsWhiteSpace(text[i]) || text[i] is ',' or '}' or ']'))
                    i++;
                pendingKey = null;
            }
        }

        private static string? CurrentKey(List<(bool IsObject, string? Key, int Index)> stack, string? pendingKey)
        {
            if (pendingKey is not null)
                return pendingKey;
            if (stack.Count > 0 && !stack[stack.Count - 1].IsObject)
                return stack[stack.Count - 1].Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }

        private static string BuildPath(List<(bool IsObject, string? Key, int Index)> stack, string? pendingKey)
        {
            var sb = new StringBuilder();
            for (var k = 0; k < stack.Count; k++)
            {
                if (stack[k].Key is { } key)
                {
                    if (sb.Length > 0)
                        sb.Append(':');
                    sb.Append(key);
                }
            }

            var last = CurrentKey(stack, pendingKey);
            if (last is not null)
            {
                if (sb.Length > 0)
                    sb.Append(':');
                sb.Append(last);
            }

            return sb.ToString();
        }

        /// <summary>The nearest non-index key: for arrays of secrets, the array's name decides.</summary>
        private static string LeafName(List<(bool IsObject, string? Key, int Index)> stack, string? pendingKey)
        {
            if (pendingKey is not null)
                return pendingKey;
            for (var k = stack.Count - 1; k >= 0; k--)
            {
                if (stack[k].Key is { } key && !IsIndex(key))
                    return key;
            }

            return string.Empty;
        }

        private static bool IsIndex(string key)
        {
            foreach (var ch in key)
            {
                if (ch < '0' || ch > '9')
                    return false;
            }

            return key.Length > 0;
        }

        // ---- dotenv -------------------------------------------------------------------------------

        private static void ReadDotEnv(string text, List<ConfigEntry> entries)
        {
            var lineStart = 0;
            while (lineStart <= text.Length)
            {
                var lineEnd = text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                    lineEnd = text.Length;
                ReadDotEnvLine(text, lineStart, lineEnd, entries);
                lineStart = lineEnd + 1;
            }
        }

        private static void ReadDotEnvLine(string text, int start, int end, List<ConfigEntry> entries)
        {
            var i = start;
            while (i < end && (text[i] == ' ' || text[i] == '\t'))
                i++;
            if (i >= end || text[i] == '#')
                return;
            if (string.CompareOrdinal(text, i, "export ", 0, 7) == 0)
                i += 7;
            var eq = text.IndexOf('=', i, end - i);
            if (eq < 0)
                return;
            var key = text.Substring(i, eq - i).Trim();
            if (key.Length == 0 || key.IndexOf(' ') >= 0)
                return;
            var v = eq + 1;
            while (v < end && (text[v] == ' ' || text[v] == '\t'))
                v++;
            var stop = end;
            if (stop > v && text[stop - 1] == '\r')
                stop--;
            if (v < stop && (text[v] == '"' || text[v] == '\''))
            {
                var quote = text[v];
                var close = v + 1;
                while (close < stop && !(text[close] == quote && text[close - 1] != '\\'))
                    close++;
                entries.Add(new ConfigEntry(key, key, text.Substring(v + 1, close - v - 1), v + 1, close - v - 1));
                return;
            }

            var hash = text.IndexOf(" #", v, stop - v, StringComparison.Ordinal);
            if (hash >= 0)
                stop = hash;
            var raw = text.Substring(v, stop - v).TrimEnd();
            entries.Add(new ConfigEntry(key, key, raw, v, raw.Length));
        }

        // ---- XML .config ---------------------------------------------------------------------------

        private static readonly Regex XmlComment = new(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex XmlElement = new(@"<(?<name>[A-Za-z_][\w:.-]*)(?<attrs>(?:\s+[\w:.-]+\s*=\s*(?:""[^""]*""|'[^']*'))*)\s*(?<self>/?)>", RegexOptions.CultureInvariant, Timeout);
        private static readonly Regex XmlAttribute = new(@"(?<name>[\w:.-]+)\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)')", RegexOptions.CultureInvariant, Timeout);

        private static readonly HashSet<string> NameAttributes = new(StringComparer.OrdinalIgnoreCase) { "key", "name" };

        private static readonly HashSet<string> StructuralAttributes = new(StringComparer.OrdinalIgnoreCase)
        {
            "providerName", "type", "xmlns", "path", "verb", "modules", "resourceType", "version", "culture", "publicKeyToken",
            "processorArchitecture", "serializeAs", "sku", "targetFramework", "mode", "requirePermission", "allowLocation",
        };

        private static void ReadXml(string text, List<ConfigEntry> entries)
        {
            // Blank out comments (keeping offsets) so commented-out elements are not read as settings.
            var masked = XmlComment.Replace(text, m => new string(' ', m.Length));
            string? lastNamed = null;
            foreach (Match element in XmlElement.Matches(masked))
            {
                var elementName = element.Groups["name"].Value;
                string? keyName = null;
                var attributes = XmlAttribute.Matches(element.Groups["attrs"].Value);
                foreach (Match attribute in attributes)
                {
                    if (NameAttributes.Contains(attribute.Groups["name"].Value))
                        keyName = Unescape(attribute.Groups["v"].Value);
                }

                if (keyName is not null)
                    lastNamed = keyName;
                var attrsOffset = element.Groups["attrs"].Index;
                foreach (Match attribute in attributes)
                {
                    var attrName = attribute.Groups["name"].Value;
                    if (NameAttributes.Contains(attrName) || StructuralAttributes.Contains(attrName) || attrName.StartsWith("xmlns", StringComparison.Ordinal))
                        continue;
                    var v = attribute.Groups["v"];
                    var leaf = keyName is not null && attrName.Equals("value", StringComparison.OrdinalIgnoreCase) ? keyName :
                               keyName is not null && attrName.Equals("connectionString", StringComparison.OrdinalIgnoreCase) ? keyName : attrName;
                    var path = keyName is not null ? elementName + "[" + keyName + "]/@" + attrName : elementName + "/@" + attrName;
                    entries.Add(new ConfigEntry(path, leaf, Unescape(v.Value), attrsOffset + v.Index, v.Length));
                }

                // Element text: <ApiKey>…</ApiKey> or <setting name="ApiKey"><value>…</value></setting>.
                if (element.Groups["self"].Value.Length == 0)
                {
                    var textStart = element.Index + element.Length;
                    var close = masked.IndexOf('<', textStart);
                    if (close > textStart)
                    {
                        var raw = masked.Substring(textStart, close - textStart);
                        var trimmed = raw.Trim();
                        if (trimmed.Length > 0)
                        {
                            var offset = textStart + raw.IndexOf(trimmed, StringComparison.Ordinal);
                            var leaf = elementName.Equals("value", StringComparison.OrdinalIgnoreCase) && lastNamed is not null ? lastNamed : elementName;
                            entries.Add(new ConfigEntry(elementName, leaf, Unescape(trimmed), offset, trimmed.Length));
                        }
                    }
                }
            }
        }

        private static string Unescape(string v) =>
            v.IndexOf('&') < 0 ? v : v.Replace("&quot;", "\"").Replace("&apos;", "'").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }
}
