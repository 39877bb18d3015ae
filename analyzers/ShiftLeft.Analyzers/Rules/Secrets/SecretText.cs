using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>What a name says about the value it holds.</summary>
    internal enum SecretNameKind
    {
        /// <summary>Not a secret name.</summary>
        None,

        /// <summary>key / token / secret / credential / api key ...</summary>
        Secret,

        /// <summary>password / pwd / passphrase: shorter, human-chosen values count.</summary>
        Password,
    }

    /// <summary>Lexical heuristics shared by SL3001–SL3004: placeholders, entropy, secret-like names,
    /// decoys (GUIDs, digests, blobs, slugs, URLs) and redaction. Pure functions, never throw.</summary>
    internal static class SecretText
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

        /// <summary>Words that mark a value as a stand-in rather than a credential.</summary>
        private static readonly HashSet<string> PlaceholderWords = new(StringComparer.OrdinalIgnoreCase)
        {
            // Only words of four or more letters: a random token rarely contains one as a whole case-bounded run.
            "your", "yours", "example", "examples", "sample", "placeholder", "changeme", "changeit", "replace", "replaceme",
            "insert", "dummy", "fake", "mock", "mocked", "test", "tests", "testing", "redacted", "todo", "fixme", "demo",
            "notreal", "invalid", "foobar", "secret", "password", "passwd", "token", "apikey", "none", "null",
            "undefined", "default", "empty", "here", "goes", "enter", "fill", "setme", "unset", "qwerty",
            "letmein", "hunter", "localdev", "sandbox", "fixture", "sesame",
        };

        /// <summary>Values documented publicly as examples; never secrets.</summary>
        private static readonly HashSet<string> WellKnownExamples = new(StringComparer.Ordinal)
        {
            // AWS documentation
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
            // Azurite / Azure Storage emulator
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            // jwt.io sample
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            // Stripe documentation
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "pk_test_TYooMQauvdEDq54NiTphI7jx", "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        };

        private static readonly Regex GuidRegex = new(
            @"^[{(]?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}[)}]?$",
            RegexOptions.CultureInvariant, RegexTimeout);

        private static readonly Regex ReferenceRegex = new(
            @"\$\{[^}]*\}|\$\([^)]*\)|%[A-Za-z_][A-Za-z0-9_]*%|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^@Microsoft\.KeyVault\(|^(env|secret|secrets|vault|keyvault|op|ssm|awssm|arn):",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);

        private static readonly Regex DigestPrefixRegex = new(
            @"^(sha1|sha256|sha384|sha512|md5|blake2b|blake3|sha3-256)[:\-=]",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexTimeout);

        /// <summary>Tokens of a name that say "this is a secret".</summary>
        private static readonly HashSet<string> SecretNameTokens = new(StringComparer.OrdinalIgnoreCase)
        {
            "secret", "secrets", "token", "tokens", "apikey", "apikeys", "credential", "credentials", "creds", "cred",
            "privatekey", "accesskey", "secretkey", "signingkey", "accountkey", "sharedkey", "masterkey", "subscriptionkey",
            "clientsecret", "bearer", "sas", "sastoken", "accesstoken", "authtoken", "refreshtoken", "pat", "auth", "authkey",
            "encryptionkey", "hmackey", "sharedaccesskey", "privkey", "webhooksecret", "jwtsecret", "sig", "signature",
        };

        private static readonly HashSet<string> PasswordNameTokens = new(StringComparer.OrdinalIgnoreCase)
        {
            "password", "passwords", "passwd", "pwd", "passphrase", "passcode", "pass", "pw",
        };

        /// <summary>Tokens that, anywhere in a name, say the value is metadata about a secret, not the secret.</summary>
        private static readonly HashSet<string> NonSecretNameTokens = new(StringComparer.OrdinalIgnoreCase)
        {
            "name", "names", "id", "ids", "identifier", "uri", "url", "urls", "endpoint", "endpoints", "host", "path", "file", "filename", "dir",
            "env", "environment", "variable", "var", "header", "headers", "type", "kind", "mode", "length", "len", "size", "count",
            "min", "max", "limit", "limits", "policy", "version", "versions", "format", "pattern", "regex", "prefix", "suffix",
            "hash", "hashed", "sha", "sha1", "sha256", "sha384", "sha512", "md5", "digest", "checksum", "crc", "fingerprint", "thumbprint",
            "etag", "commit", "revision", "integrity", "hint", "help", "description", "label", "message", "prompt", "title",
            "doc", "docs", "example", "sample", "placeholder", "expiry", "expires", "expiration", "expiresat", "ttl", "lifetime",
            "timeout", "scope", "scopes", "audience", "issuer", "claim", "claims", "enabled", "required", "field", "property",
            "param", "parameter", "column", "location", "store", "vault", "provider", "source", "usage", "cost", "price",
            "partition", "row", "sort", "cache", "idempotency", "lookup", "dictionary", "map", "foreign", "primary",
            "public", "pub", "publishable", "section", "setting", "settings", "config", "configuration", "resource", "localization", "translation",
            "hotkey", "keyboard", "composite", "unique", "index", "order", "group", "route", "cursor", "continuation", "pagination",
            "tokenizer", "tokenization", "tokenize", "tokenized", "bucket", "container", "region", "algorithm", "alg", "strength",
            "rotation", "rotated", "last", "created", "updated", "display", "separator", "delimiter", "encoding", "query", "next",
            "page", "model", "deployment", "embedding", "completion", "completions", "input", "output", "usage", "budget", "per",
            "counter", "counts", "estimate", "estimated", "span", "position", "offset", "test", "tests", "mock", "fake", "dummy",
            "request", "response", "correlation", "trace", "session", "user", "username", "login", "account", "tenant", "client",
            "org", "organization", "project", "owner", "email", "policy", "storage", "expected", "regexp", "validator", "validation",
            "mask", "masked", "redacted", "length", "exists", "present", "set", "is", "has", "use", "uses",
        };

        /// <summary>Model and product words: slugs that name a model or deployment.</summary>
        private static readonly HashSet<string> ModelWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "gpt", "claude", "llama", "mistral", "mixtral", "gemini", "gemma", "phi", "qwen", "deepseek", "embedding", "embed",
            "text", "turbo", "mini", "nano", "instruct", "chat", "sonnet", "haiku", "opus", "latest", "preview", "davinci", "whisper",
            "dall", "tts", "omni", "flash", "pro", "large", "small", "base", "versatile", "instant", "bert", "roberta", "sentence",
            "transformers", "coder", "vision", "model", "eval", "learn", "sk", "task", "release", "build", "snapshot",
        };

        public static bool IsWellKnownExample(string value) => WellKnownExamples.Contains(value);

        /// <summary>Splits an identifier, config key or env var name into lower-case tokens:
        /// <c>OpenAI:ApiKey</c> → openai, api, key; <c>HF_TOKEN</c> → hf, token.</summary>
        public static List<string> SplitName(string name)
        {
            var tokens = new List<string>();
            var sb = new StringBuilder();
            void Flush()
            {
                if (sb.Length > 0)
                {
                    tokens.Add(sb.ToString().ToLowerInvariant());
                    sb.Clear();
                }
            }

            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush();
                    continue;
                }

                if (sb.Length > 0)
                {
                    var prev = name[i - 1];
                    var boundary =
                        (char.IsUpper(c) && char.IsLower(prev)) ||
                        (char.IsUpper(c) && char.IsUpper(prev) && i + 1 < name.Length && char.IsLower(name[i + 1])) ||
                        (char.IsDigit(c) != char.IsDigit(prev) && !(char.IsDigit(c) && sb.Length <= 3 && IsShaLike(sb.ToString())));
                    if (boundary)
                        Flush();
                }

                sb.Append(c);
            }

            Flush();
            return tokens;
        }

        private static bool IsShaLike(string s) => s.Equals("sha", StringComparison.OrdinalIgnoreCase) || s.Equals("md", StringComparison.OrdinalIgnoreCase);

        /// <summary>Classifies a symbol, config key path or environment variable name. The last
        /// segment of a key path decides (<c>OpenAI:ApiKey</c> → ApiKey).</summary>
        public static SecretNameKind ClassifyName(string? name)
        {
            if (name is null || name.Length == 0 || name.Length > 200)
                return SecretNameKind.None;
            var tokens = SplitName(name);
            if (tokens.Count == 0)
                return SecretNameKind.None;

            // "ApiKeyForProvider", "TokenFromCache": the phrase after a preposition qualifies the head noun.
            for (var p = 1; p < tokens.Count; p++)
            {
                if (tokens[p] is "for" or "of" or "by" or "from" or "to" or "in" or "per" or "with")
                {
                    tokens.RemoveRange(p, tokens.Count - p);
                    break;
                }
            }

            // Strip a trailing index/number and "value"/"val"/"str"/"string"/"b64": ApiKey2, SecretValue, TokenBase64.
            while (tokens.Count > 1 && (IsAllDigits(tokens[tokens.Count - 1]) ||
                   tokens[tokens.Count - 1] is "value" or "val" or "str" or "string" or "b64" or "base64" or "hex" or "bytes" or "raw" or "pem" or "v" or "data" or "literal" or "const" or "field" or "default" or "fallback" or "backup" or "old" or "new" or "prod" or "dev" or "staging" or "primary" or "secondary"))
            {
                if (tokens[tokens.Count - 1] is "data" && tokens.Count > 1 && !IsSecretToken(tokens[tokens.Count - 2]) && !IsKeyToken(tokens[tokens.Count - 2]))
                    break;
                tokens.RemoveAt(tokens.Count - 1);
            }

            var kind = SecretNameKind.None;
            var joined = string.Concat(tokens);
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (PasswordNameTokens.Contains(t))
                    kind = SecretNameKind.Password;
                else if (kind == SecretNameKind.None && IsSecretToken(t))
                    kind = SecretNameKind.Secret;
                else if (kind == SecretNameKind.None && IsKeyToken(t) && i == tokens.Count - 1)
                    kind = SecretNameKind.Secret; // "...Key" as the head noun
                else if (kind == SecretNameKind.None && i + 1 < tokens.Count && PairIsSecret(t, tokens[i + 1]))
                    kind = SecretNameKind.Secret;
            }

            if (kind == SecretNameKind.None && (joined.EndsWith("apikey", StringComparison.Ordinal) || joined.Contains("secretkey") || joined.Contains("accesskey") || joined.Contains("privatekey")))
                kind = SecretNameKind.Secret;
            if (kind == SecretNameKind.None)
                return kind;

            foreach (var t in tokens)
            {
                if (NonSecretNameTokens.Contains(t) && !IsSecretToken(t) && !PasswordNameTokens.Contains(t))
                {
                    // "AccessKeyId" / "KeyName" / "TokenEndpoint" / "SecretName" describe a secret, they are not one.
                    // Qualifiers before the head noun that name a provider or owner stay allowed ("ClientSecret", "AccountKey", "StorageKey").
                    if (t is "client" or "account" or "storage" or "user" or "session" or "org" or "project" or "tenant" or "primary" or "request" or "test" or "mock" or "fake" or "dummy")
                    {
                        if (IsQualifierBeforeHead(tokens, t))
                            continue;
                    }

                    return SecretNameKind.None;
                }
            }

            return kind;
        }

        private static bool IsQualifierBeforeHead(List<string> tokens, string t)
        {
            var idx = tokens.IndexOf(t);
            if (idx < 0 || idx == tokens.Count - 1)
                return false;
            if (t is "test" or "mock" or "fake" or "dummy")
                return false;
            for (var j = idx + 1; j < tokens.Count; j++)
            {
                if (IsSecretToken(tokens[j]) || IsKeyToken(tokens[j]) || PasswordNameTokens.Contains(tokens[j]))
                    return true;
            }

            return false;
        }

        private static bool IsSecretToken(string t) => SecretNameTokens.Contains(t);

        private static bool IsKeyToken(string t) => t is "key" or "keys";

        private static bool PairIsSecret(string a, string b) =>
            (a is "api" or "access" or "secret" or "private" or "signing" or "account" or "shared" or "master" or "subscription" or "auth" or "encryption" or "hmac" or "client" or "app" or "service" or "bot" or "webhook" or "storage" or "admin" or "license" or "consumer")
            && (b is "key" or "keys" or "token" or "secret");

        private static bool IsAllDigits(string s)
        {
            foreach (var c in s)
            {
                if (c < '0' || c > '9')
                    return false;
            }

            return s.Length > 0;
        }

        /// <summary>True for values that stand in for a secret: empty, templates, references to the
        /// environment, repeated characters, placeholder words, prose, well-known documentation examples.</summary>
        public static bool IsPlaceholder(string? value)
        {
            if (value is null)
                return true;
            var v = value.Trim().Trim('"', '\'');
            if (v.Length == 0)
                return true;
            if (WellKnownExamples.Contains(v))
                return true;
            if (v.IndexOf('<') >= 0 && v.IndexOf('>') > v.IndexOf('<'))
                return true;
            if (v.Contains("...") || v.Contains("\u2026") || v.Contains("***") || v.Contains("____"))
                return true;
            if (v.IndexOf("xxxx", StringComparison.OrdinalIgnoreCase) >= 0 || v.Contains("0000000000") || v.Contains("1234567890"))
                return true;
            if (v.IndexOf("EXAMPLE", StringComparison.Ordinal) >= 0 || v.IndexOf("example", StringComparison.Ordinal) >= 0)
                return true;
            if (SafeIsMatch(ReferenceRegex, v))
                return true;
            if (DistinctChars(v) <= 3 && v.Length >= 4)
                return true;
            if (v.Length < 48)
            {
                foreach (var token in SplitWords(v))
                {
                    if (PlaceholderWords.Contains(token))
                        return true;
                }
            }

            if (string.Equals(v, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
                return true;
            return v.Length <= 32 && IsCredentialNoun(v);
        }

        private static readonly string[] NounQualifiers = { "fake", "bad", "wrong", "invalid", "dummy", "test", "mock", "sample", "my", "your", "some", "other", "another", "expired", "revoked" };

        private static readonly HashSet<string> CredentialNouns = new(StringComparer.Ordinal)
        {
            "key", "apikey", "secret", "secretkey", "accesskey", "accesstoken", "token", "authtoken", "bearertoken", "password",
            "pass", "pwd", "credential", "credentials", "clientsecret", "subscriptionkey", "sharedkey", "accountkey", "sastoken",
        };

        /// <summary>A value that only names what should be there (<c>api-key</c>, <c>fakekey</c>, <c>bad-key</c>,
        /// <c>wrong_password2</c>): a credential noun, optionally after a qualifier and before a number.</summary>
        private static bool IsCredentialNoun(string v)
        {
            var compact = new StringBuilder(v.Length);
            foreach (var c in v)
            {
                if (char.IsLetterOrDigit(c))
                    compact.Append(char.ToLowerInvariant(c));
                else if (c is not ('-' or '_' or '.' or ' '))
                    return false;
            }

            var s = compact.ToString().TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            foreach (var qualifier in NounQualifiers)
            {
                if (s.Length > qualifier.Length && s.StartsWith(qualifier, StringComparison.Ordinal) && CredentialNouns.Contains(s.Substring(qualifier.Length)))
                    return true;
            }

            return CredentialNouns.Contains(s);
        }

        /// <summary>Splits on non-alphanumerics and case changes; used for placeholder words.</summary>
        private static IEnumerable<string> SplitWords(string v)
        {
            var start = -1;
            for (var i = 0; i <= v.Length; i++)
            {
                var isLetter = i < v.Length && char.IsLetter(v[i]);
                if (isLetter && start < 0)
                {
                    start = i;
                }
                else if (start >= 0 && (!isLetter || (char.IsUpper(v[i]) && char.IsLower(v[i - 1]))))
                {
                    yield return v.Substring(start, i - start);
                    start = isLetter ? i : -1;
                }
            }
        }

        public static int DistinctChars(string v)
        {
            var seen = new HashSet<char>();
            foreach (var c in v)
            {
                seen.Add(c);
                if (seen.Count > 8)
                    break;
            }

            return seen.Count;
        }

        /// <summary>Shannon entropy in bits per character.</summary>
        public static double Entropy(string s)
        {
            if (s.Length == 0)
                return 0;
            var counts = new Dictionary<char, int>();
            foreach (var c in s)
            {
                counts.TryGetValue(c, out var n);
                counts[c] = n + 1;
            }

            double h = 0;
            foreach (var n in counts.Values)
            {
                var p = (double)n / s.Length;
                h -= p * Math.Log(p, 2);
            }

            return h;
        }

        /// <summary>A GUID in its dashed form. 32 bare hex digits are not treated as a GUID: that is also
        /// the shape of many API keys (Azure OpenAI, Weights &amp; Biases ...).</summary>
        public static bool IsGuid(string v) => v.Length is >= 36 and <= 38 && SafeIsMatch(GuidRegex, v);

        public static bool IsHex(string v)
        {
            foreach (var c in v)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                    return false;
            }

            return v.Length > 0;
        }

        public static bool IsUrl(string v) =>
            v.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("api://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("sb://", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("wss://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("ws://", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("file://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("gs://", StringComparison.OrdinalIgnoreCase);

        public static bool HasDigestPrefix(string v) => SafeIsMatch(DigestPrefixRegex, v);

        /// <summary>A slug such as <c>gpt-4o-mini-2024-07-18</c> or <c>task-sk-2024</c>: several short readable segments.</summary>
        /// <summary>
        /// A name made of words, the way code spells lookup keys and identifiers: <c>AzureAIInference:ChatModelId</c>,
        /// <c>ChatResponseMessage.FunctionToolCalls</c>, <c>HomeAutomationKernel</c>. Every segment splits into
        /// capitalised readable words, short acronyms and short numbers, at least two words in all. Generated tokens
        /// break into fragments like <c>q</c>, <c>Zk</c> or <c>X7v</c> and fail.
        /// </summary>
        public static bool IsIdentifierPath(string v)
        {
            var words = 0;
            foreach (var segment in v.Split(new[] { '-', '_', '.', ':', '/', '@' }, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (Match word in CamelWords.Matches(segment))
                {
                    var w = word.Value;
                    var ok = char.IsDigit(w[0]) ? w.Length <= 4
                        : char.IsUpper(w[w.Length - 1]) ? w.Length <= 4 // an acronym: AI, HTTP, JSON
                        : w.Length >= 2 && IsReadableWord(w);
                    if (!ok)
                        return false;
                    words++;
                }

                if (CamelWords.Replace(segment, string.Empty).Length > 0)
                    return false;
            }

            return words >= 2;
        }

        private static readonly Regex CamelWords = new(@"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[0-9]+", RegexOptions.CultureInvariant, RegexTimeout);

        public static bool IsSlug(string v)
        {
            var segments = v.Split(new[] { '-', '_', '.', ':', '/', '@' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length < 2)
                return false;
            var longest = 0;
            var wordish = 0;
            foreach (var s in segments)
            {
                longest = Math.Max(longest, s.Length);
                if (ModelWords.Contains(s) || IsAllDigits(s) || IsReadableWord(s))
                    wordish++;
            }

            return longest < 12 && wordish * 2 >= segments.Length;
        }

        private static bool IsReadableWord(string s)
        {
            if (s.Length < 2)
                return true;
            var lower = s.ToLowerInvariant();
            var vowels = 0;
            foreach (var c in lower)
            {
                if (!char.IsLetter(c))
                    return c is >= '0' and <= '9' && s.Length <= 4;
                if ("aeiouy".IndexOf(c) >= 0)
                    vowels++;
            }

            return vowels > 0 && (s.Length <= 10) && !(char.IsUpper(s[0]) && HasInnerUpper(s));
        }

        private static bool HasInnerUpper(string s)
        {
            for (var i = 1; i < s.Length; i++)
            {
                if (char.IsUpper(s[i]))
                    return true;
            }

            return false;
        }

        /// <summary>Base64 text that decodes to a binary format (PNG, JPEG, PDF, gzip, zip, RIFF, ...)
        /// or is longer than any credential: a data blob, not a secret.</summary>
        public static bool IsDataBlob(string v)
        {
            if (v.Length > 256)
                return true;
            if (v.Length < 24 || IsHex(v))
                return false;
            var bytes = TryDecodeBase64(v, 16);
            if (bytes is null)
                return false;
            return StartsWith(bytes, 0x89, 0x50, 0x4E, 0x47) || StartsWith(bytes, 0xFF, 0xD8, 0xFF) || StartsWith(bytes, 0x47, 0x49, 0x46, 0x38) ||
                   StartsWith(bytes, 0x25, 0x50, 0x44, 0x46) || StartsWith(bytes, 0x1F, 0x8B) || StartsWith(bytes, 0x50, 0x4B, 0x03, 0x04) ||
                   StartsWith(bytes, 0x52, 0x49, 0x46, 0x46) || StartsWith(bytes, 0x49, 0x44, 0x33) || StartsWith(bytes, 0x4F, 0x67, 0x67, 0x53) ||
                   StartsWith(bytes, 0x66, 0x4C, 0x61, 0x43);
        }

        private static bool StartsWith(byte[] bytes, params int[] magic)
        {
            if (bytes.Length < magic.Length)
                return false;
            for (var i = 0; i < magic.Length; i++)
            {
                if (bytes[i] != magic[i])
                    return false;
            }

            return true;
        }

        /// <summary>Decodes standard or URL-safe base64 (padding optional); null when it is not base64.</summary>
        public static byte[]? TryDecodeBase64(string v, int maxChars = int.MaxValue)
        {
            try
            {
                var s = v.Length > maxChars ? v.Substring(0, maxChars - (maxChars % 4)) : v;
                var sb = new StringBuilder(s.Length + 3);
                foreach (var c in s)
                {
                    if (c == '-')
                        sb.Append('+');
                    else if (c == '_')
                        sb.Append('/');
                    else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=')
                        sb.Append(c);
                    else
                        return null;
                }

                var trimmed = sb.ToString().TrimEnd('=');
                if (trimmed.Length % 4 == 1)
                    return null;
                trimmed = trimmed.PadRight(trimmed.Length + ((4 - (trimmed.Length % 4)) % 4), '=');
                return Convert.FromBase64String(trimmed);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Character classes present: lower, upper, digit, symbol.</summary>
        public static int CharClasses(string v, out bool lower, out bool upper, out bool digit, out bool symbol)
        {
            lower = upper = digit = symbol = false;
            foreach (var c in v)
            {
                if (c >= 'a' && c <= 'z') lower = true;
                else if (c >= 'A' && c <= 'Z') upper = true;
                else if (c >= '0' && c <= '9') digit = true;
                else symbol = true;
            }

            return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        }

        /// <summary>
        /// True when <paramref name="v"/> looks like a machine-generated secret: long enough, no
        /// whitespace, mixed character classes and a Shannon entropy close to that of a random string of
        /// the same length over the same alphabet (≥ 75 % of min(log2 n, log2 |alphabet|)); GUIDs,
        /// digests, data blobs, URLs, slugs and placeholders are excluded. Password-named values use a
        /// lower bar (≥ 8 chars, ≥ 3 character classes) because people choose them.
        /// </summary>
        public static bool LooksLikeSecretValue(string? value, SecretNameKind nameKind)
        {
            if (value is null)
                return false;
            var v = value.Trim();
            if (v.Length < 8 || v.Length > 1024)
                return false;
            foreach (var c in v)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                    return false;
            }

            if (IsPlaceholder(v) || IsGuid(v) || IsUrl(v) || HasDigestPrefix(v) || IsDataBlob(v))
                return false;
            var classes = CharClasses(v, out var lower, out var upper, out var digit, out var symbol);
            var entropy = Entropy(v);

            if (nameKind == SecretNameKind.Password && v.Length < 16)
            {
                // Human-chosen: require three classes and no slug shape.
                return classes >= 3 && entropy >= 2.5 && !IsSlug(v);
            }

            if (v.Length < 16)
                return false;
            if (IsHex(v))
            {
                // 32+ hex digits under a secret name: API keys (Azure, W&B, Mistral ...). Digests are
                // excluded by name (sha/hash/digest/...) before we get here.
                return v.Length >= 20 && entropy >= 0.75 * Math.Min(Math.Log(v.Length, 2), 4.0) && digit && (lower || upper);
            }

            if (IsSlug(v) || (nameKind != SecretNameKind.Password && IsIdentifierPath(v)))
                return false;
            // Machine-generated tokens mix classes; words with dashes do not.
            if (!(digit && (lower || upper)) && !(lower && upper && v.Length >= 20))
                return false;
            var alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 4 : 0);
            var expected = Math.Min(Math.Log(v.Length, 2), Math.Log(Math.Max(alphabet, 2), 2));
            return entropy >= 0.75 * expected && entropy >= 3.0;
        }

        /// <summary>A short, safe-to-print prefix: the provider's fixed prefix (if any) plus at most four
        /// more characters (never more than a quarter of the value), then an ellipsis.</summary>
        public static string Redact(string value, string? fixedPrefix = null)
        {
            if (string.IsNullOrEmpty(value))
                return "…";
            var prefixLength = fixedPrefix is not null && value.StartsWith(fixedPrefix, StringComparison.Ordinal) ? fixedPrefix.Length : 0;
            var rest = value.Length - prefixLength;
            var extra = Math.Min(4, rest / 4);
            var shown = value.Substring(0, prefixLength + extra);
            return shown + "…";
        }

        public static bool SafeIsMatch(Regex regex, string input)
        {
            try
            {
                return regex.IsMatch(input);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>Upper-snake environment variable name for a symbol name: <c>wandbApiKey</c> → <c>WANDB_API_KEY</c>.</summary>
        public static string ToEnvironmentName(string name)
        {
            var tokens = SplitName(name);
            if (tokens.Count == 0)
                return "APP_SECRET";
            var sb = new StringBuilder();
            foreach (var t in tokens)
            {
                if (sb.Length > 0)
                    sb.Append('_');
                sb.Append(t.ToUpperInvariant());
            }

            var s = sb.ToString();
            return char.IsDigit(s[0]) ? "_" + s : s;
        }
    }
}
