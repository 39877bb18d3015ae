using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Analyzers.Rules.Secrets
{
    /// <summary>One provider credential format: how it starts (or a fixed infix and its offset), the
    /// full shape as a <c>\G</c>-anchored regex, and an optional structural check (checksum, decoded
    /// header, decoded length).</summary>
    internal sealed class SecretFormat
    {
        public SecretFormat(string id, string provider, string environmentVariable, string[] triggers, string pattern,
            Func<Match, bool>? validate = null, int triggerOffset = 0, bool ignoreCaseTrigger = false, Func<string, int, bool>? leftContext = null)
        {
            Id = id;
            Provider = provider;
            EnvironmentVariable = environmentVariable;
            Triggers = triggers;
            TriggerOffset = triggerOffset;
            IgnoreCaseTrigger = ignoreCaseTrigger;
            Validate = validate;
            LeftContext = leftContext;
            Regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        }

        public string Id { get; }

        /// <summary>Human name used in messages, e.g. "OpenAI API key".</summary>
        public string Provider { get; }

        /// <summary>Conventional environment variable the code fix reads instead.</summary>
        public string EnvironmentVariable { get; }

        public string[] Triggers { get; }

        /// <summary>Characters between the start of the credential and its trigger (0 for prefixes).</summary>
        public int TriggerOffset { get; }

        public bool IgnoreCaseTrigger { get; }

        public Regex Regex { get; }

        public Func<Match, bool>? Validate { get; }

        /// <summary>Extra check of the text before the match (e.g. <c>sig=</c> only after <c>?</c> or <c>&amp;</c>).</summary>
        public Func<string, int, bool>? LeftContext { get; }
    }

    /// <summary>A credential found in a text: its span (the secret itself, without a <c>key=</c> lead-in),
    /// the format, and the value.</summary>
    internal readonly struct SecretMatch
    {
        public SecretMatch(SecretFormat format, int start, int length, string value, string displayPrefix)
        {
            Format = format;
            Start = start;
            Length = length;
            Value = value;
            DisplayPrefix = displayPrefix;
        }

        public SecretFormat Format { get; }

        public int Start { get; }

        public int Length { get; }

        public string Value { get; }

        /// <summary>The fixed, non-secret prefix of the format (e.g. <c>sk-proj-</c>) for redaction.</summary>
        public string DisplayPrefix { get; }

        public string Redacted => Format.Id == "private_key" ? DisplayPrefix + "…" : SecretText.Redact(Value, DisplayPrefix);
    }

    /// <summary>
    /// The single matcher over every known credential format. A literal is scanned once: a
    /// two-character table keyed by each format's trigger (prefix or fixed infix) proposes candidate
    /// positions, the trigger is confirmed with an ordinal compare, and only then the format's
    /// anchored regex and structural check run. Literals shorter than the shortest format are skipped.
    /// </summary>
    internal static class SecretMatcher
    {
        private const string B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        public static readonly SecretFormat[] Formats = CreateFormats();

        /// <summary>Shortest text that can hold any format.</summary>
        public const int MinimumLength = 16;

        private static readonly (SecretFormat Format, string Trigger)[]?[] Table = BuildTable();

        private static SecretFormat[] CreateFormats()
        {
            static bool NotPlaceholder(Match m) => !SecretText.IsPlaceholder(Body(m));
            static bool Mixed(Match m)
            {
                var body = Body(m);
                return !SecretText.IsPlaceholder(body) && SecretText.CharClasses(body, out _, out _, out _, out _) >= 2 && SecretText.Entropy(body) >= 3.0;
            }

            static bool AfterSeparator(string text, int start) => start == 0 || text[start - 1] is ';' or '"' or '\'' or ' ' or '\t' or '\n' or '\r' or '`' or '{' or ',' or '=' or '>' or '\\';

            return new[]
            {
                new SecretFormat("openai", "OpenAI API key", "OPENAI_API_KEY", new[] { "sk-" },
                    @"\G(?<p>sk-(?:(?:proj|svcacct|admin|None)-)?)[A-Za-z0-9_-]{16,200}?T3BlbkFJ[A-Za-z0-9_-]{16,200}(?![A-Za-z0-9_-])", NotPlaceholder),
                new SecretFormat("anthropic", "Anthropic API key", "ANTHROPIC_API_KEY", new[] { "sk-ant-" },
                    @"\G(?<p>sk-ant-(?:api|admin|oat|sid)\d{2}-)[A-Za-z0-9_-]{80,120}AA(?![A-Za-z0-9_-])", NotPlaceholder),
                new SecretFormat("openrouter", "OpenRouter API key", "OPENROUTER_API_KEY", new[] { "sk-or-" },
                    @"\G(?<p>sk-or-v\d-)[a-f0-9]{64}(?![A-Za-z0-9])", NotPlaceholder),
                new SecretFormat("langfuse", "Langfuse secret key", "LANGFUSE_SECRET_KEY", new[] { "sk-lf-" },
                    @"\G(?<p>sk-lf-)[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![A-Za-z0-9])", NotPlaceholder),
                new SecretFormat("sk_hex", "OpenAI-compatible API key (DeepSeek, DashScope)", "LLM_API_KEY", new[] { "sk-" },
                    @"\G(?<p>sk-)[a-f0-9]{32}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("sk_48", "OpenAI-compatible API key (sk-, 48 characters)", "LLM_API_KEY", new[] { "sk-" },
                    @"\G(?<p>sk-)(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])[A-Za-z0-9]{48}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("elevenlabs", "ElevenLabs API key", "ELEVENLABS_API_KEY", new[] { "sk_" },
                    @"\G(?<p>sk_)[a-f0-9]{48}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("huggingface", "Hugging Face token", "HF_TOKEN", new[] { "hf_", "api_org_" },
                    @"\G(?<p>hf_|api_org_)[A-Za-z]{34}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("google", "Google API key", "GOOGLE_API_KEY", new[] { "AIza" },
                    @"\G(?<p>AIza)[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", NotPlaceholder),
                new SecretFormat("google_oauth", "Google OAuth client secret", "GOOGLE_CLIENT_SECRET", new[] { "GOCSPX-" },
                    @"\G(?<p>GOCSPX-)[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])", NotPlaceholder),
                new SecretFormat("aws_key_id", "AWS access key id", "AWS_ACCESS_KEY_ID", new[] { "AKIA", "ASIA", "ABIA", "ACCA" },
                    @"\G(?<p>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])", NotPlaceholder),
                new SecretFormat("aws_bedrock", "Amazon Bedrock API key", "AWS_BEARER_TOKEN_BEDROCK", new[] { "ABSK" },
                    @"\G(?<p>ABSK)[A-Za-z0-9+/]{100,}={0,2}(?![A-Za-z0-9+/=])", Mixed),
                new SecretFormat("azure_storage_key", "Azure Storage account key", "AZURE_STORAGE_KEY", new[] { "accountkey=" },
                    @"\G(?<p>(?i:AccountKey)\s*=\s*)(?<s>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])", NotPlaceholder, ignoreCaseTrigger: true, leftContext: AfterSeparator),
                new SecretFormat("azure_shared_access_key", "Azure Service Bus / Event Hubs shared access key", "AZURE_SERVICEBUS_CONNECTION_STRING", new[] { "sharedaccesskey=" },
                    @"\G(?<p>(?i:SharedAccessKey)\s*=\s*)(?<s>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])", NotPlaceholder, ignoreCaseTrigger: true, leftContext: AfterSeparator),
                new SecretFormat("azure_sas", "Azure SAS token signature", "AZURE_STORAGE_SAS_TOKEN", new[] { "sig=" },
                    @"\G(?<p>sig=)(?<s>(?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:=|%3[Dd]))(?![A-Za-z0-9%=])", ValidSasSignature,
                    leftContext: (text, start) => start > 0 && text[start - 1] is '?' or '&' or ';'),
                new SecretFormat("azure_ai_key", "Azure AI services key", "AZURE_AI_API_KEY", new[] { "JQQJ9" },
                    @"\G[A-Za-z0-9]{52}JQQJ9[A-Za-z0-9]{27}(?![A-Za-z0-9])", Mixed, triggerOffset: 52),
                new SecretFormat("azure_search_key", "Azure AI Search key", "AZURE_SEARCH_API_KEY", new[] { "AzSe" },
                    @"\G[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}(?![A-Za-z0-9])", Mixed, triggerOffset: 42),
                new SecretFormat("azure_ad_secret", "Microsoft Entra ID client secret", "AZURE_CLIENT_SECRET", new[] { "Q~" },
                    @"\G[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])", Mixed, triggerOffset: 4),
                new SecretFormat("github_pat", "GitHub token", "GITHUB_TOKEN", new[] { "ghp_", "gho_", "ghs_", "ghu_", "ghr_" },
                    @"\G(?<p>gh[pousr]_)[A-Za-z0-9]{36}(?![A-Za-z0-9_])", ValidGitHubChecksum),
                new SecretFormat("github_fine", "GitHub fine-grained token", "GITHUB_TOKEN", new[] { "github_pat_" },
                    @"\G(?<p>github_pat_)[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("gitlab", "GitLab token", "GITLAB_TOKEN", new[] { "glpat-", "gldt-", "glrt-" },
                    @"\G(?<p>gl(?:pat|dt|rt)-)[A-Za-z0-9_-]{20,60}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("replicate", "Replicate API token", "REPLICATE_API_TOKEN", new[] { "r8_" },
                    @"\G(?<p>r8_)[A-Za-z0-9]{37}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("groq", "Groq API key", "GROQ_API_KEY", new[] { "gsk_" },
                    @"\G(?<p>gsk_)[A-Za-z0-9]{52}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("pinecone", "Pinecone API key", "PINECONE_API_KEY", new[] { "pcsk_" },
                    @"\G(?<p>pcsk_)[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("perplexity", "Perplexity API key", "PERPLEXITY_API_KEY", new[] { "pplx-" },
                    @"\G(?<p>pplx-)[A-Za-z0-9]{48}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("xai", "xAI API key", "XAI_API_KEY", new[] { "xai-" },
                    @"\G(?<p>xai-)[A-Za-z0-9]{70,90}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("nvidia", "NVIDIA API key", "NVIDIA_API_KEY", new[] { "nvapi-" },
                    @"\G(?<p>nvapi-)[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("langsmith", "LangSmith API key", "LANGSMITH_API_KEY", new[] { "lsv2_" },
                    @"\G(?<p>lsv2_(?:pt|sk)_)[a-f0-9]{32}_[a-f0-9]{10}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("tavily", "Tavily API key", "TAVILY_API_KEY", new[] { "tvly-" },
                    @"\G(?<p>tvly-(?:dev-|prod-)?)[A-Za-z0-9]{32}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("together", "Together AI API key", "TOGETHER_API_KEY", new[] { "tgp_v1_" },
                    @"\G(?<p>tgp_v1_)[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("cerebras", "Cerebras API key", "CEREBRAS_API_KEY", new[] { "csk-" },
                    @"\G(?<p>csk-)[a-z0-9]{40,64}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("databricks", "Databricks token", "DATABRICKS_TOKEN", new[] { "dapi" },
                    @"\G(?<p>dapi)[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])", Mixed),
                new SecretFormat("npm", "npm token", "NPM_TOKEN", new[] { "npm_" },
                    @"\G(?<p>npm_)[A-Za-z0-9]{36}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("nuget", "NuGet API key", "NUGET_API_KEY", new[] { "oy2" },
                    @"\G(?<p>oy2)[a-z0-9]{43}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("pypi", "PyPI token", "PYPI_TOKEN", new[] { "pypi-AgEIcHlwaS5vcmc" },
                    @"\G(?<p>pypi-AgEIcHlwaS5vcmc)[A-Za-z0-9_-]{50,}", NotPlaceholder),
                new SecretFormat("sendgrid", "SendGrid API key", "SENDGRID_API_KEY", new[] { "SG." },
                    @"\G(?<p>SG\.)[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("mailgun", "Mailgun API key", "MAILGUN_API_KEY", new[] { "key-" },
                    @"\G(?<p>key-)[a-f0-9]{32}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("shopify", "Shopify access token", "SHOPIFY_ACCESS_TOKEN", new[] { "shpat_", "shpss_", "shpca_", "shppa_" },
                    @"\G(?<p>shp(?:at|ss|ca|pa)_)[a-fA-F0-9]{32}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("digitalocean", "DigitalOcean token", "DIGITALOCEAN_TOKEN", new[] { "dop_v1_", "doo_v1_", "dor_v1_" },
                    @"\G(?<p>do[por]_v1_)[a-f0-9]{64}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("vault", "HashiCorp Vault token", "VAULT_TOKEN", new[] { "hvs.", "hvb." },
                    @"\G(?<p>hv[sb]\.)[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])", Mixed),
                new SecretFormat("doppler", "Doppler token", "DOPPLER_TOKEN", new[] { "dp.pt.", "dp.st.", "dp.sa." },
                    @"\G(?<p>dp\.(?:pt|st|sa)\.)[A-Za-z0-9]{40,44}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("linear", "Linear API key", "LINEAR_API_KEY", new[] { "lin_api_" },
                    @"\G(?<p>lin_api_)[A-Za-z0-9]{40}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("notion", "Notion token", "NOTION_TOKEN", new[] { "ntn_", "secret_" },
                    @"\G(?<p>ntn_|secret_)[A-Za-z0-9]{43,46}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("sentry", "Sentry auth token", "SENTRY_AUTH_TOKEN", new[] { "sntrys_", "sntryu_" },
                    @"\G(?<p>sntry[su]_)[A-Za-z0-9_=+/-]{40,}(?![A-Za-z0-9_=+/-])", Mixed),
                new SecretFormat("grafana", "Grafana service account token", "GRAFANA_TOKEN", new[] { "glsa_" },
                    @"\G(?<p>glsa_)[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("postman", "Postman API key", "POSTMAN_API_KEY", new[] { "PMAK-" },
                    @"\G(?<p>PMAK-)[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("atlassian", "Atlassian API token", "ATLASSIAN_API_TOKEN", new[] { "ATATT3" },
                    @"\G(?<p>ATATT3)[A-Za-z0-9_=-]{100,}(?![A-Za-z0-9_=-])", Mixed),
                new SecretFormat("age", "age secret key", "AGE_SECRET_KEY", new[] { "AGE-SECRET-KEY-1" },
                    @"\G(?<p>AGE-SECRET-KEY-1)[0-9A-Z]{58}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("slack", "Slack token", "SLACK_BOT_TOKEN", new[] { "xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxe-", "xoxr-", "xoxo-" },
                    @"\G(?<p>xox[bpaesro]-)(?:[0-9]{6,16}-){2,3}[A-Za-z0-9]{24,34}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("slack_webhook", "Slack webhook URL", "SLACK_WEBHOOK_URL", new[] { "https://hooks.slack.com/" },
                    @"\Ghttps://hooks\.slack\.com/(?<p>services/)T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}(?![A-Za-z0-9])", Mixed),
                new SecretFormat("stripe", "Stripe secret key", "STRIPE_API_KEY", new[] { "sk_live_", "rk_live_", "sk_test_", "rk_test_" },
                    @"\G(?<p>[sr]k_(?:live|test)_)[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])", Mixed),
                new SecretFormat("stripe_webhook", "Stripe webhook secret", "STRIPE_WEBHOOK_SECRET", new[] { "whsec_" },
                    @"\G(?<p>whsec_)[A-Za-z0-9+/=]{32,}(?![A-Za-z0-9+/=])", Mixed),
                new SecretFormat("private_key", "Private key (PEM)", "PRIVATE_KEY_PEM", new[] { "-----BEGIN " },
                    @"\G(?<p>-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----)(?:\\[rn]|[\s]|[A-Za-z-]+:[^\r\n\\]*)*(?<b>[A-Za-z0-9+/=]{40,})(?:(?:\\[rn]|\s)+[A-Za-z0-9+/=]+)*(?:(?:\\[rn]|\s)*-----END [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----)?",
                    m => !SecretText.IsPlaceholder(m.Groups["b"].Value) && SecretText.DistinctChars(m.Groups["b"].Value) > 8),
                new SecretFormat("jwt", "JSON Web Token", "AUTH_TOKEN", new[] { "eyJ" },
                    @"\G(?<p>eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_.-])", ValidJwt),
                new SecretFormat("url_credentials", "Password in URL", "SERVICE_URL", new[] { "://" },
                    @"\G(?<p>://)[A-Za-z0-9._~%!$&'()*+,;=-]{1,64}:(?<s>[^@/\s""'<>{}\\$]{3,128})@[A-Za-z0-9.-]+",
                    m => LooksLikeChosenPassword(m.Groups["s"].Value)),
                new SecretFormat("connection_string_password", "Password in connection string", "DB_CONNECTION_STRING", new[] { "password=", "pwd=" },
                    @"\G(?<p>(?i:password|pwd)\s*=\s*)(?<s>[^;""'\s]{1,128})", m => LooksLikeChosenPassword(m.Groups["s"].Value),
                    ignoreCaseTrigger: true, leftContext: AfterSeparator),
                new SecretFormat("url_query_credential", "Credential in URL query string", "SERVICE_API_KEY",
                    new[] { "api_key=", "apikey=", "api-key=", "access_token=", "token=", "secret=", "client_secret=", "key=", "code=", "auth=" },
                    @"\G(?<p>(?i:api[_-]?key|access_token|token|client_secret|secret|key|code|auth)=)(?<s>[A-Za-z0-9_~+/.%-]{16,256})(?![A-Za-z0-9_~+/.%-])",
                    m => SecretText.LooksLikeSecretValue(Uri.UnescapeDataString(m.Groups["s"].Value), SecretNameKind.Secret) && Scan(m.Groups["s"].Value) is null,
                    ignoreCaseTrigger: true, leftContext: (text, start) => start > 0 && text[start - 1] is '?' or '&'),
                new SecretFormat("bearer", "Bearer token", "AUTH_TOKEN", new[] { "bearer " },
                    @"\G(?<p>(?i:bearer) +)(?<s>[A-Za-z0-9_~+/.-]{20,}=*)(?![A-Za-z0-9_~+/.=-])",
                    m => SecretText.LooksLikeSecretValue(m.Groups["s"].Value, SecretNameKind.Secret), ignoreCaseTrigger: true, leftContext: AfterSeparator),
                new SecretFormat("basic_auth", "Basic authentication credentials", "BASIC_AUTH", new[] { "basic " },
                    @"\G(?<p>(?i:basic) +)(?<s>[A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])", ValidBasic, ignoreCaseTrigger: true, leftContext: AfterSeparator),
            };
        }

        /// <summary>The value after the format's fixed prefix (or the secret group).</summary>
        private static string Body(Match m)
        {
            var s = m.Groups["s"];
            if (s.Success)
                return s.Value;
            var p = m.Groups["p"];
            return p.Success ? m.Value.Substring(p.Length) : m.Value;
        }

        /// <summary>A password someone chose (connection strings, URLs): not a placeholder, 8+ characters, 2+ character classes.</summary>
        public static bool LooksLikeChosenPassword(string value)
        {
            if (value.Length < 8 || SecretText.IsPlaceholder(value))
                return false;
            if (value.IndexOf('{') >= 0 || value.IndexOf('$') >= 0 || value.IndexOf('%') >= 0 && !value.Contains("%2"))
                return false;
            var classes = SecretText.CharClasses(value, out _, out _, out _, out _);
            return classes >= 3 || (classes >= 2 && value.Length >= 12);
        }

        private static bool ValidSasSignature(Match m)
        {
            var raw = m.Groups["s"].Value.Replace("%2B", "+").Replace("%2b", "+").Replace("%2F", "/").Replace("%2f", "/").Replace("%3D", "=").Replace("%3d", "=");
            var bytes = SecretText.TryDecodeBase64(raw);
            return bytes is { Length: 32 } && !SecretText.IsPlaceholder(raw);
        }

        private static bool ValidBasic(Match m)
        {
            var bytes = SecretText.TryDecodeBase64(m.Groups["s"].Value);
            if (bytes is null)
                return false;
            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (ArgumentException)
            {
                return false;
            }

            var colon = decoded.IndexOf(':');
            if (colon <= 0)
                return false;
            foreach (var c in decoded)
            {
                if (char.IsControl(c))
                    return false;
            }

            return LooksLikeChosenPassword(decoded.Substring(colon + 1));
        }

        /// <summary>JWT: the header decodes to JSON naming an <c>alg</c>. Supabase "anon" keys are public by design.</summary>
        private static bool ValidJwt(Match m)
        {
            if (SecretText.IsWellKnownExample(m.Value))
                return false;
            var parts = m.Value.Split('.');
            if (parts.Length != 3)
                return false;
            var header = SecretText.TryDecodeBase64(parts[0]);
            if (header is null)
                return false;
            var json = Encoding.UTF8.GetString(header);
            if (json.IndexOf("\"alg\"", StringComparison.Ordinal) < 0 || json.TrimStart()[0] != '{')
                return false;
            var payload = SecretText.TryDecodeBase64(parts[1]);
            if (payload is not null)
            {
                var text = Encoding.UTF8.GetString(payload).Replace(" ", string.Empty);
                if (text.Contains("\"role\":\"anon\"") || text.Contains("\"name\":\"JohnDoe\""))
                    return false;
            }

            return true;
        }

        /// <summary>GitHub classic tokens end with a base62 CRC32 of the 30 random characters.</summary>
        private static bool ValidGitHubChecksum(Match m)
        {
            var token = m.Value;
            var underscore = token.IndexOf('_');
            if (underscore < 0 || token.Length - underscore - 1 != 36)
                return false;
            var body = token.Substring(underscore + 1, 30);
            var checksum = token.Substring(underscore + 31, 6);
            return string.Equals(Base62Crc32(body), checksum, StringComparison.Ordinal);
        }

        internal static string Base62Crc32(string body)
        {
            var crc = Crc32(Encoding.ASCII.GetBytes(body));
            var chars = new char[6];
            for (var i = 5; i >= 0; i--)
            {
                chars[i] = B62[(int)(crc % 62)];
                crc /= 62;
            }

            return new string(chars);
        }

        private static readonly uint[] CrcTable = BuildCrcTable();

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[i] = c;
            }

            return table;
        }

        internal static uint Crc32(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
                crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }

        private static (SecretFormat, string)[]?[] BuildTable()
        {
            var lists = new List<(SecretFormat, string)>?[128 * 128];
            foreach (var format in Formats)
            {
                foreach (var trigger in format.Triggers)
                {
                    foreach (var key in Keys(trigger, format.IgnoreCaseTrigger))
                    {
                        (lists[key] ??= new List<(SecretFormat, string)>()).Add((format, trigger));
                    }
                }
            }

            var table = new (SecretFormat, string)[]?[lists.Length];
            for (var i = 0; i < lists.Length; i++)
                table[i] = lists[i]?.ToArray();
            return table;
        }

        private static IEnumerable<int> Keys(string trigger, bool ignoreCase)
        {
            var a = trigger[0];
            var b = trigger[1];
            if (!ignoreCase)
            {
                yield return (a << 7) | b;
                yield break;
            }

            foreach (var x in new[] { char.ToLowerInvariant(a), char.ToUpperInvariant(a) })
            {
                foreach (var y in new[] { char.ToLowerInvariant(b), char.ToUpperInvariant(b) })
                    yield return (x << 7) | y;
            }
        }

        /// <summary>Cheap test used before anything else: could <paramref name="text"/> hold a credential at all?</summary>
        public static bool MayContainSecret(string text) => text.Length >= MinimumLength;

        /// <summary>Every credential in <paramref name="text"/>; overlapping candidates resolve to the first,
        /// longest match. Never throws.</summary>
        public static List<SecretMatch>? Scan(string text)
        {
            if (text.Length < MinimumLength)
                return null;
            List<SecretMatch>? results = null;
            var nextFree = 0;
            for (var i = 0; i + 1 < text.Length; i++)
            {
                var a = text[i];
                var b = text[i + 1];
                if (a >= 128 || b >= 128)
                    continue;
                var candidates = Table[(a << 7) | b];
                if (candidates is null)
                    continue;
                foreach (var (format, trigger) in candidates)
                {
                    var start = i - format.TriggerOffset;
                    if (start < nextFree || start < 0)
                        continue;
                    if (string.Compare(text, i, trigger, 0, trigger.Length, format.IgnoreCaseTrigger ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) != 0)
                        continue;
                    if (format.TriggerOffset == 0 && format.LeftContext is null && start > 0 && char.IsLetterOrDigit(text[start - 1]) && char.IsLetterOrDigit(text[start]))
                        continue;
                    if (format.TriggerOffset > 0 && start > 0 && char.IsLetterOrDigit(text[start - 1]))
                        continue;
                    if (format.LeftContext is not null && !format.LeftContext(text, start))
                        continue;
                    Match m;
                    try
                    {
                        m = format.Regex.Match(text, start);
                        if (!m.Success || m.Index != start)
                            continue;
                        if (SecretText.IsWellKnownExample(m.Value) || (format.Validate is not null && !format.Validate(m)))
                            continue;
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        continue;
                    }

                    var secret = m.Groups["s"].Success ? m.Groups["s"] : (Group)m;
                    var display = m.Groups["p"].Success && !m.Groups["s"].Success ? m.Groups["p"].Value : string.Empty;
                    if (SecretText.IsWellKnownExample(secret.Value))
                        continue;
                    (results ??= new List<SecretMatch>()).Add(new SecretMatch(format, secret.Index, secret.Length, secret.Value, display));
                    nextFree = m.Index + m.Length;
                    i = Math.Max(i, nextFree - 1);
                    break;
                }
            }

            return results;
        }

        private static readonly HashSet<string> GenericFormats = new(StringComparer.Ordinal)
        {
            "url_credentials", "connection_string_password", "bearer", "basic_auth", "azure_storage_key", "azure_shared_access_key",
            "azure_sas", "sk_hex", "sk_48", "mailgun", "notion", "openai", "private_key", "jwt", "url_query_credential",
        };

        /// <summary>
        /// True when the value starts with a provider-specific prefix (<c>ghp_</c>, <c>hf_</c>, <c>AIza</c>,
        /// <c>AKIA</c>, <c>gsk_</c> ...) but did not match that provider's format: a near miss (bad checksum,
        /// wrong length or alphabet). The entropy heuristics leave such values to the format, which is
        /// authoritative for its prefix.
        /// </summary>
        public static bool HasProviderPrefix(string value)
        {
            var v = value.Trim();
            foreach (var format in Formats)
            {
                if (format.TriggerOffset != 0 || GenericFormats.Contains(format.Id))
                    continue;
                foreach (var trigger in format.Triggers)
                {
                    if (v.StartsWith(trigger, StringComparison.Ordinal))
                        return true;
                }
            }

            return false;
        }

        /// <summary>A 40-character base64 value that is an AWS secret access key when it appears next to an
        /// AWS key id or under an AWS / secret-access-key name (the format alone is too generic).</summary>
        public static bool IsAwsSecretCandidate(string value)
        {
            if (value.Length != 40)
                return false;
            foreach (var c in value)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
                    return false;
            }

            return SecretText.CharClasses(value, out var lower, out var upper, out var digit, out _) >= 3 && lower && upper && digit &&
                   SecretText.Entropy(value) >= 4.2 && !SecretText.IsPlaceholder(value);
        }

        public static bool IsAwsSecretName(string? name)
        {
            if (name is null)
                return false;
            var tokens = SecretText.SplitName(name);
            var joined = string.Concat(tokens);
            return joined.Contains("secretaccesskey") || joined.Contains("awssecret") || (tokens.Contains("aws") && (tokens.Contains("secret") || joined.Contains("secretkey")));
        }
    }
}
