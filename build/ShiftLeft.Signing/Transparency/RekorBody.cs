using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShiftLeft.Signing.Dsse;
using ShiftLeft.Signing.Keys;

namespace ShiftLeft.Signing.Transparency;

/// <summary>What the bundle claims was logged: the signature, who made it (certificate or key) and over what
/// (artifact digest for a message signature, or the DSSE envelope).</summary>
public sealed class LoggedContent
{
    /// <summary>SHA-256 of the artifact (message signatures); null for DSSE.</summary>
    public byte[]? ArtifactSha256 { get; init; }

    public DsseEnvelope? Envelope { get; init; }

    /// <summary>The signature bytes (message signature, or the single DSSE signature).</summary>
    public byte[] Signature { get; init; } = Array.Empty<byte>();

    /// <summary>DER signing certificate (keyless / certificate mode), or null in key mode.</summary>
    public byte[]? CertificateDer { get; init; }

    /// <summary>DER SPKI of the signing key (key mode).</summary>
    public byte[]? PublicKeySpki { get; init; }
}

/// <summary>Cross-checks a Rekor entry's canonicalized body against the bundle: <c>hashedrekord</c> 0.0.1/0.0.2,
/// <c>dsse</c> 0.0.1/0.0.2 and <c>intoto</c> 0.0.2. A body that does not describe exactly this signature, by this
/// signer, over this content is a mismatch.</summary>
public static class RekorBody
{
    /// <summary>Returns null when the body matches, else the reason.</summary>
    public static string? Check(byte[] canonicalizedBody, string? kind, string? version, LoggedContent content)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(canonicalizedBody, new JsonDocumentOptions { MaxDepth = 32 });
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the body is not a JSON object";
            }

            string? bodyKind = Str(root, "kind");
            string? apiVersion = Str(root, "apiVersion");
            if (kind is not null && bodyKind != kind || version is not null && apiVersion != version)
            {
                return $"the body is {bodyKind}/{apiVersion} but the entry claims {kind}/{version}";
            }

            if (!root.TryGetProperty("spec", out JsonElement spec) || spec.ValueKind != JsonValueKind.Object)
            {
                return "the body has no spec";
            }

            return (bodyKind, apiVersion) switch
            {
                ("hashedrekord", "0.0.1") => HashedRekordV1(spec, content),
                ("hashedrekord", "0.0.2") => HashedRekordV2(spec, content),
                ("dsse", "0.0.1") => DsseV1(spec, content),
                ("dsse", "0.0.2") => DsseV2(spec, content),
                ("intoto", "0.0.2") => IntotoV2(spec, content),
                _ => $"unsupported log entry type {bodyKind}/{apiVersion}",
            };
        }
        catch (JsonException e)
        {
            return $"the body is not valid JSON ({e.Message})";
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return $"the body is malformed ({e.Message})";
        }
    }

    private static string? HashedRekordV1(JsonElement spec, LoggedContent c)
    {
        if (c.Envelope is not null || c.ArtifactSha256 is null)
        {
            return "a hashedrekord entry records a message signature, but the bundle holds a DSSE envelope";
        }

        JsonElement hash = Obj(Obj(spec, "data"), "hash");
        if (Str(hash, "algorithm") != "sha256")
        {
            return $"unsupported hashedrekord hash algorithm '{Str(hash, "algorithm")}'";
        }

        if (!HexEquals(Str(hash, "value"), c.ArtifactSha256))
        {
            return "the logged artifact digest is not the artifact's";
        }

        JsonElement sig = Obj(spec, "signature");
        if (!B64Equals(Str(sig, "content"), c.Signature))
        {
            return "the logged signature is not the bundle's signature";
        }

        return VerifierPem(Str(Obj(sig, "publicKey"), "content"), c) ? null : "the logged public key or certificate is not the bundle's";
    }

    private static string? HashedRekordV2(JsonElement spec, LoggedContent c)
    {
        JsonElement v = Obj(spec, "hashedRekordV002");
        JsonElement data = Obj(v, "data");
        if (Str(data, "algorithm") != "SHA2_256")
        {
            return $"unsupported hashedrekord digest algorithm '{Str(data, "algorithm")}'";
        }

        // DSSE on Rekor v2 is logged as a hashedrekord over the PAE.
        byte[] expected = c.Envelope is { } env ? SHA256.HashData(Pae.Encode(env.PayloadType, env.Payload)) : c.ArtifactSha256!;
        if (!B64Equals(Str(data, "digest"), expected))
        {
            return c.Envelope is null ? "the logged artifact digest is not the artifact's" : "the logged digest is not the DSSE envelope's (PAE)";
        }

        JsonElement sig = Obj(v, "signature");
        if (!B64Equals(Str(sig, "content"), c.Signature))
        {
            return "the logged signature is not the bundle's signature";
        }

        return VerifierV2(Obj(sig, "verifier"), c) ? null : "the logged public key or certificate is not the bundle's";
    }

    private static string? DsseV1(JsonElement spec, LoggedContent c)
    {
        if (c.Envelope is not { } env)
        {
            return "a dsse entry records a DSSE envelope, but the bundle holds a message signature";
        }

        if (!spec.TryGetProperty("payloadHash", out JsonElement ph) || !spec.TryGetProperty("signatures", out JsonElement sigs))
        {
            return "the dsse entry has no payloadHash or signatures (not a canonicalized dsse entry)";
        }

        if (Str(ph, "algorithm") != "sha256" || !HexEquals(Str(ph, "value"), SHA256.HashData(env.Payload)))
        {
            return "the logged payload hash is not the envelope payload's";
        }

        List<JsonElement> list = sigs.EnumerateArray().ToList();
        if (list.Count != env.Signatures.Count)
        {
            return $"the entry logs {list.Count} signatures, the envelope has {env.Signatures.Count}";
        }

        JsonElement s = list[0];
        if (!B64Equals(Str(s, "signature"), c.Signature))
        {
            return "the logged signature is not the envelope's signature";
        }

        return VerifierPem(Str(s, "verifier"), c) ? null : "the logged verifier is not the bundle's certificate or key";
    }

    private static string? DsseV2(JsonElement spec, LoggedContent c)
    {
        if (c.Envelope is not { } env)
        {
            return "a dsse entry records a DSSE envelope, but the bundle holds a message signature";
        }

        JsonElement v = Obj(spec, "dsseV002");
        JsonElement ph = Obj(v, "payloadHash");
        if (Str(ph, "algorithm") != "SHA2_256" || !B64Equals(Str(ph, "digest"), SHA256.HashData(env.Payload)))
        {
            return "the logged payload hash is not the envelope payload's";
        }

        List<JsonElement> list = Obj(v, "signatures").EnumerateArray().ToList();
        if (list.Count != env.Signatures.Count)
        {
            return $"the entry logs {list.Count} signatures, the envelope has {env.Signatures.Count}";
        }

        if (!B64Equals(Str(list[0], "content"), c.Signature))
        {
            return "the logged signature is not the envelope's signature";
        }

        return VerifierV2(Obj(list[0], "verifier"), c) ? null : "the logged verifier is not the bundle's certificate or key";
    }

    private static string? IntotoV2(JsonElement spec, LoggedContent c)
    {
        if (c.Envelope is not { } env)
        {
            return "an intoto entry records a DSSE envelope, but the bundle holds a message signature";
        }

        JsonElement content = Obj(spec, "content");
        JsonElement ph = Obj(content, "payloadHash");
        if (Str(ph, "algorithm") != "sha256" || !HexEquals(Str(ph, "value"), SHA256.HashData(env.Payload)))
        {
            return "the logged payload hash is not the envelope payload's";
        }

        JsonElement envelope = Obj(content, "envelope");
        if (Str(envelope, "payloadType") is { } pt && pt != env.PayloadType)
        {
            return "the logged payload type is not the envelope's";
        }

        List<JsonElement> list = Obj(envelope, "signatures").EnumerateArray().ToList();
        if (list.Count != env.Signatures.Count)
        {
            return $"the entry logs {list.Count} signatures, the envelope has {env.Signatures.Count}";
        }

        // intoto 0.0.2 stores the signature and key base64-encoded once more.
        string inner = Encoding.ASCII.GetString(Convert.FromBase64String(Str(list[0], "sig") ?? string.Empty));
        if (!B64Equals(inner, c.Signature))
        {
            return "the logged signature is not the envelope's signature";
        }

        return VerifierPem(Str(list[0], "publicKey"), c) ? null : "the logged verifier is not the bundle's certificate or key";
    }

    /// <summary>base64(PEM CERTIFICATE or PUBLIC KEY) equals the bundle's certificate (or key, in key mode).</summary>
    private static bool VerifierPem(string? b64Pem, LoggedContent c)
    {
        if (b64Pem is null)
        {
            return false;
        }

        string pem = Encoding.UTF8.GetString(Convert.FromBase64String(b64Pem));
        foreach ((string label, byte[] der) in KeyLoader.PemBlocks(pem))
        {
            return label switch
            {
                "CERTIFICATE" => c.CertificateDer is { } cert && der.AsSpan().SequenceEqual(cert),
                "PUBLIC KEY" => c.CertificateDer is null && c.PublicKeySpki is { } spki && der.AsSpan().SequenceEqual(spki),
                _ => false,
            };
        }

        return false;
    }

    private static bool VerifierV2(JsonElement verifier, LoggedContent c)
    {
        if (verifier.TryGetProperty("x509Certificate", out JsonElement cert))
        {
            return c.CertificateDer is { } der && B64Equals(Str(cert, "rawBytes"), der);
        }

        if (verifier.TryGetProperty("publicKey", out JsonElement pk))
        {
            return c.CertificateDer is null && c.PublicKeySpki is { } spki && B64Equals(Str(pk, "rawBytes"), spki);
        }

        return false;
    }

    private static JsonElement Obj(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out JsonElement v) ||
            v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new FormatException($"missing '{name}'");
        }

        return v;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static bool HexEquals(string? hex, ReadOnlySpan<byte> expected) =>
        hex is not null && hex.Length == expected.Length * 2 &&
        string.Equals(hex, Convert.ToHexString(expected), StringComparison.OrdinalIgnoreCase);

    private static bool B64Equals(string? b64, ReadOnlySpan<byte> expected)
    {
        if (b64 is null)
        {
            return false;
        }

        try
        {
            return Convert.FromBase64String(b64).AsSpan().SequenceEqual(expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
