using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using ShiftLeft.Signing.Bundle;

namespace ShiftLeft.Signing.TrustRoot;

/// <summary>protobuf-specs <c>TimeRange</c>: a closed interval [start, end]. The start is required; a range
/// without one is never valid (a malformed trust root must not widen trust). A missing end is open-ended.</summary>
public sealed record TimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    public bool Contains(DateTimeOffset t) => Start is { } s && s <= t && (End is not { } e || t <= e);

    public override string ToString() =>
        $"[{Start?.ToString("O", CultureInfo.InvariantCulture) ?? "no start"}, {End?.ToString("O", CultureInfo.InvariantCulture) ?? "open"}]";
}

/// <summary>A transparency log (Rekor) or certificate-transparency log: its key and validity, identified by
/// <see cref="LogId"/> (the trust root's <c>logId.keyId</c>).</summary>
public sealed class TransparencyLogInstance
{
    public TransparencyLogInstance(string baseUrl, byte[] logId, byte[] publicKey, string keyDetails, TimeRange validFor)
    {
        BaseUrl = baseUrl;
        LogId = logId;
        PublicKeyBytes = publicKey;
        KeyDetails = keyDetails;
        ValidFor = validFor;
    }

    public string BaseUrl { get; }
    public byte[] LogId { get; }

    /// <summary>DER SPKI (or PKCS#1 RSAPublicKey for <c>PKCS1_RSA_*</c> key details).</summary>
    public byte[] PublicKeyBytes { get; }

    public string KeyDetails { get; }
    public TimeRange ValidFor { get; }

    /// <summary>Host of <see cref="BaseUrl"/> (checkpoint origin / signer name of the log).</summary>
    public string Host => Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? u) ? u.Authority : BaseUrl;
}

/// <summary>A certificate authority (Fulcio) or timestamp authority: its chain [leaf-most … root] (DER) and the
/// period it may be trusted for.</summary>
public sealed class CertificateAuthorityInstance
{
    public CertificateAuthorityInstance(string? uri, string subject, IReadOnlyList<byte[]> chain, TimeRange validFor)
    {
        Uri = uri;
        Subject = subject;
        Chain = chain;
        ValidFor = validFor;
    }

    public string? Uri { get; }
    public string Subject { get; }
    public IReadOnlyList<byte[]> Chain { get; }
    public TimeRange ValidFor { get; }
}

/// <summary>Sigstore trusted root (<c>application/vnd.dev.sigstore.trustedroot+json</c>): Rekor logs, Fulcio CAs,
/// CT logs and timestamp authorities. <see cref="Production"/> is the public-good snapshot shipped with ShiftLeft.
/// Parse failures are <see cref="SigningException"/> with <see cref="ErrorCodes.TrustedRootInvalid"/>.</summary>
public sealed class TrustedRoot
{
    public const string MediaTypePrefix = "application/vnd.dev.sigstore.trustedroot";
    private const string ProductionResource = "ShiftLeft.Signing.TrustRoot.production_trusted_root.json";
    private static readonly Lazy<TrustedRoot> ProductionRoot = new(LoadProduction);

    private TrustedRoot(string mediaType, IReadOnlyList<TransparencyLogInstance> tlogs,
        IReadOnlyList<CertificateAuthorityInstance> cas, IReadOnlyList<TransparencyLogInstance> ctlogs,
        IReadOnlyList<CertificateAuthorityInstance> tsas, string source)
    {
        MediaType = mediaType;
        TransparencyLogs = tlogs;
        CertificateAuthorities = cas;
        CtLogs = ctlogs;
        TimestampAuthorities = tsas;
        Source = source;
    }

    public string MediaType { get; }
    public IReadOnlyList<TransparencyLogInstance> TransparencyLogs { get; }
    public IReadOnlyList<CertificateAuthorityInstance> CertificateAuthorities { get; }
    public IReadOnlyList<TransparencyLogInstance> CtLogs { get; }
    public IReadOnlyList<CertificateAuthorityInstance> TimestampAuthorities { get; }

    /// <summary>Where the root came from (a path, or "embedded production trusted root").</summary>
    public string Source { get; }

    /// <summary>The Sigstore public-good production trusted root embedded in ShiftLeft.Signing.</summary>
    public static TrustedRoot Production => ProductionRoot.Value;

    public static TrustedRoot LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                throw new SigningException(ErrorCodes.TrustedRootInvalid, $"trusted root '{path}' does not exist", path);
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SigningException(ErrorCodes.TrustedRootInvalid, $"cannot read trusted root '{path}': {e.Message}", path, e);
        }

        return Parse(bytes, path);
    }

    public static TrustedRoot Parse(ReadOnlyMemory<byte> json, string source = "trusted root")
    {
        try
        {
            return ParseCore(json, source);
        }
        catch (SigningException e) when (e.Code != ErrorCodes.TrustedRootInvalid)
        {
            throw Invalid(source, e.Message.Replace("malformed bundle: ", string.Empty, StringComparison.Ordinal), e);
        }
    }

    private static TrustedRoot ParseCore(ReadOnlyMemory<byte> json, string source)
    {
        try
        {
            return ParseJson(json, source);
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(source, "the JSON holds invalid UTF-8", e);
        }
    }

    private static TrustedRoot ParseJson(ReadOnlyMemory<byte> json, string source)
    {
        if (json.Length > BundleReader.MaxBundleBytes)
        {
            throw Invalid(source, "the file is too large");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "expected a JSON object");
            }

            string mediaType = ProtoJson.String(root, "mediaType", "", required: true)!;
            if (!mediaType.StartsWith(MediaTypePrefix, StringComparison.Ordinal))
            {
                throw Invalid(source, $"unsupported media type '{mediaType}'");
            }

            return new TrustedRoot(mediaType,
                ProtoJson.Array(root, "tlogs", "").Select(x => ReadLog(x.Item1, x.Item2)).ToList(),
                ProtoJson.Array(root, "certificateAuthorities", "").Select(x => ReadAuthority(x.Item1, x.Item2)).ToList(),
                ProtoJson.Array(root, "ctlogs", "").Select(x => ReadLog(x.Item1, x.Item2)).ToList(),
                ProtoJson.Array(root, "timestampAuthorities", "").Select(x => ReadAuthority(x.Item1, x.Item2)).ToList(),
                source);
        }
    }

    /// <summary>Transparency logs whose <c>logId.keyId</c> equals <paramref name="logId"/>.</summary>
    public TransparencyLogInstance? FindTransparencyLog(ReadOnlySpan<byte> logId) => Find(TransparencyLogs, logId);

    public TransparencyLogInstance? FindCtLog(ReadOnlySpan<byte> logId) => Find(CtLogs, logId);

    private static TransparencyLogInstance? Find(IReadOnlyList<TransparencyLogInstance> logs, ReadOnlySpan<byte> logId)
    {
        foreach (TransparencyLogInstance l in logs)
        {
            if (l.LogId.AsSpan().SequenceEqual(logId))
            {
                return l;
            }
        }

        return null;
    }

    private static TransparencyLogInstance ReadLog(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw ProtoJson.Malformed(path, "expected an object");
        }

        string baseUrl = ProtoJson.String(e, "baseUrl", path) ?? string.Empty;
        JsonElement pk = ProtoJson.Object(e, "publicKey", path, required: true)!.Value;
        string pkPath = ProtoJson.Join(path, "publicKey");
        byte[] raw = ProtoJson.Bytes(pk, "rawBytes", pkPath, required: true)!;
        string details = ProtoJson.String(pk, "keyDetails", pkPath) ?? string.Empty;
        TimeRange validity = ReadRange(pk, pkPath);
        JsonElement logIdElement = ProtoJson.Object(e, "logId", path, required: true)!.Value;
        byte[] logId = ProtoJson.Bytes(logIdElement, "keyId", ProtoJson.Join(path, "logId"), required: true)!;
        return new TransparencyLogInstance(baseUrl, logId, raw, details, validity);
    }

    private static CertificateAuthorityInstance ReadAuthority(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw ProtoJson.Malformed(path, "expected an object");
        }

        string subject = string.Empty;
        if (ProtoJson.Object(e, "subject", path) is { } s)
        {
            string sp = ProtoJson.Join(path, "subject");
            subject = $"O={ProtoJson.String(s, "organization", sp)}, CN={ProtoJson.String(s, "commonName", sp)}";
        }

        JsonElement chain = ProtoJson.Object(e, "certChain", path, required: true)!.Value;
        var certs = new List<byte[]>();
        foreach ((JsonElement c, string cp) in ProtoJson.Array(chain, "certificates", ProtoJson.Join(path, "certChain")))
        {
            if (c.ValueKind != JsonValueKind.Object)
            {
                throw ProtoJson.Malformed(cp, "expected an object");
            }

            certs.Add(ProtoJson.Bytes(c, "rawBytes", cp, required: true)!);
        }

        if (certs.Count == 0)
        {
            throw ProtoJson.Malformed(ProtoJson.Join(path, "certChain.certificates"), "the certificate chain is empty");
        }

        return new CertificateAuthorityInstance(ProtoJson.String(e, "uri", path), subject, certs, ReadRange(e, path));
    }

    private static TimeRange ReadRange(JsonElement e, string path)
    {
        JsonElement? v = ProtoJson.Object(e, "validFor", path);
        if (!v.HasValue)
        {
            return new TimeRange(null, null);
        }

        string vp = ProtoJson.Join(path, "validFor");
        return new TimeRange(Time(v.Value, "start", vp), Time(v.Value, "end", vp));
    }

    private static DateTimeOffset? Time(JsonElement e, string name, string path)
    {
        string? s = ProtoJson.String(e, name, path);
        if (s is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t))
        {
            throw ProtoJson.Malformed(ProtoJson.Join(path, name), $"'{s}' is not an RFC 3339 timestamp");
        }

        return t;
    }

    private static SigningException Invalid(string source, string message, Exception? inner = null) =>
        new(ErrorCodes.TrustedRootInvalid, $"invalid trusted root '{source}': {message}",
            source.Contains('/') || source.Contains('\\') ? source : null, inner);

    private static TrustedRoot LoadProduction()
    {
        using Stream s = typeof(TrustedRoot).Assembly.GetManifestResourceStream(ProductionResource)
                         ?? throw new InvalidOperationException("embedded production trusted root is missing");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return Parse(ms.ToArray(), "embedded production trusted root");
    }
}
