using System;
using System.Collections.Generic;
using System.Text.Json;
using ShiftLeft.Signing.Dsse;

namespace ShiftLeft.Signing.Bundle;

/// <summary>Reads a Sigstore bundle leniently (proto3 JSON mapping). Failures are
/// <see cref="SigningException"/> with <see cref="ErrorCodes.MalformedBundle"/> (naming the field) or
/// <see cref="ErrorCodes.UnsupportedMediaType"/>.</summary>
public static class BundleReader
{
    /// <summary>Maximum bundle size accepted (bundles are small; this bounds memory on hostile input).</summary>
    public const int MaxBundleBytes = 32 * 1024 * 1024;

    public static SigstoreBundle Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Length > MaxBundleBytes)
        {
            throw ProtoJson.Malformed("", $"bundle is larger than {MaxBundleBytes} bytes");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new SigningException(ErrorCodes.MalformedBundle, $"malformed bundle: not valid JSON ({e.Message})");
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ProtoJson.Malformed("$", "the bundle must be a JSON object");
            }

            string mediaType = ProtoJson.String(root, "mediaType", "", required: true)!;
            if (MediaTypes.BundleVersion(mediaType) is null)
            {
                throw new SigningException(ErrorCodes.UnsupportedMediaType,
                    $"unsupported bundle media type '{mediaType}'");
            }

            JsonElement vmElement = ProtoJson.Object(root, "verificationMaterial", "", required: true)!.Value;
            VerificationMaterial material = ReadMaterial(vmElement, "verificationMaterial");

            JsonElement? ms = ProtoJson.Object(root, "messageSignature", "");
            JsonElement? env = ProtoJson.Object(root, "dsseEnvelope", "");
            if (ms.HasValue && env.HasValue)
            {
                throw ProtoJson.Malformed("messageSignature", "both messageSignature and dsseEnvelope are set");
            }

            if (!ms.HasValue && !env.HasValue)
            {
                throw ProtoJson.Malformed("dsseEnvelope", "neither messageSignature nor dsseEnvelope is set");
            }

            return new SigstoreBundle(mediaType, material,
                ms.HasValue ? ReadMessageSignature(ms.Value, "messageSignature") : null,
                env.HasValue ? ReadEnvelope(env.Value, "dsseEnvelope") : null);
        }
    }

    /// <summary>Reads a standalone DSSE envelope object.</summary>
    public static DsseEnvelope ReadEnvelope(JsonElement e, string path)
    {
        byte[] payload = ProtoJson.Bytes(e, "payload", path, required: true)!;
        string payloadType = ProtoJson.String(e, "payloadType", path, required: true)!;
        var sigs = new List<DsseSignature>();
        foreach ((JsonElement s, string p) in ProtoJson.Array(e, "signatures", path))
        {
            if (s.ValueKind != JsonValueKind.Object)
            {
                throw ProtoJson.Malformed(p, "expected an object");
            }

            sigs.Add(new DsseSignature(ProtoJson.Bytes(s, "sig", p, required: true)!, ProtoJson.String(s, "keyid", p)));
        }

        return new DsseEnvelope(payload, payloadType, sigs);
    }

    private static MessageSignature ReadMessageSignature(JsonElement e, string path)
    {
        string? alg = null;
        byte[]? digest = null;
        JsonElement? md = ProtoJson.Object(e, "messageDigest", path);
        if (md.HasValue)
        {
            string p = ProtoJson.Join(path, "messageDigest");
            alg = ProtoJson.String(md.Value, "algorithm", p);
            digest = ProtoJson.Bytes(md.Value, "digest", p);
        }

        byte[] signature = ProtoJson.Bytes(e, "signature", path, required: true)!;
        return new MessageSignature(alg, digest, signature);
    }

    private static VerificationMaterial ReadMaterial(JsonElement e, string path)
    {
        JsonElement? pk = ProtoJson.Object(e, "publicKey", path);
        JsonElement? chain = ProtoJson.Object(e, "x509CertificateChain", path);
        JsonElement? cert = ProtoJson.Object(e, "certificate", path);
        int count = (pk.HasValue ? 1 : 0) + (chain.HasValue ? 1 : 0) + (cert.HasValue ? 1 : 0);
        if (count == 0)
        {
            throw ProtoJson.Malformed(path, "one of publicKey, x509CertificateChain, certificate is required");
        }

        if (count > 1)
        {
            throw ProtoJson.Malformed(path, "more than one of publicKey, x509CertificateChain, certificate is set");
        }

        var tlog = new List<TransparencyLogEntry>();
        foreach ((JsonElement t, string p) in ProtoJson.Array(e, "tlogEntries", path))
        {
            tlog.Add(ReadTlogEntry(t, p));
        }

        var timestamps = new List<byte[]>();
        JsonElement? tvd = ProtoJson.Object(e, "timestampVerificationData", path);
        if (tvd.HasValue)
        {
            foreach ((JsonElement t, string p) in ProtoJson.Array(tvd.Value, "rfc3161Timestamps",
                         ProtoJson.Join(path, "timestampVerificationData")))
            {
                if (t.ValueKind != JsonValueKind.Object)
                {
                    throw ProtoJson.Malformed(p, "expected an object");
                }

                timestamps.Add(ProtoJson.Bytes(t, "signedTimestamp", p, required: true)!);
            }
        }

        if (pk.HasValue)
        {
            string p = ProtoJson.Join(path, "publicKey");
            string? hint = ProtoJson.String(pk.Value, "hint", p);
            byte[]? raw = ProtoJson.Bytes(pk.Value, "rawBytes", p);
            string? details = ProtoJson.String(pk.Value, "keyDetails", p);
            return new VerificationMaterial(MaterialKind.PublicKey)
            {
                PublicKey = new PublicKeyIdentifier(hint, raw, details),
                TlogEntries = tlog,
                Rfc3161Timestamps = timestamps,
                HasTimestampVerificationData = tvd.HasValue,
            };
        }

        var certs = new List<byte[]>();
        MaterialKind kind;
        if (chain.HasValue)
        {
            kind = MaterialKind.X509CertificateChain;
            string p = ProtoJson.Join(path, "x509CertificateChain");
            foreach ((JsonElement c, string cp) in ProtoJson.Array(chain.Value, "certificates", p))
            {
                certs.Add(ReadCertificate(c, cp));
            }

            if (certs.Count == 0)
            {
                throw ProtoJson.Malformed(ProtoJson.Join(p, "certificates"), "the certificate chain is empty");
            }
        }
        else
        {
            kind = MaterialKind.Certificate;
            certs.Add(ReadCertificate(cert!.Value, ProtoJson.Join(path, "certificate")));
        }

        return new VerificationMaterial(kind)
        {
            Certificates = certs,
            TlogEntries = tlog,
            Rfc3161Timestamps = timestamps,
            HasTimestampVerificationData = tvd.HasValue,
        };
    }

    private static byte[] ReadCertificate(JsonElement c, string path)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            throw ProtoJson.Malformed(path, "expected an object");
        }

        byte[] der = ProtoJson.Bytes(c, "rawBytes", path, required: true)!;
        if (der.Length == 0)
        {
            throw ProtoJson.Malformed(ProtoJson.Join(path, "rawBytes"), "empty certificate");
        }

        return der;
    }

    private static TransparencyLogEntry ReadTlogEntry(JsonElement t, string path)
    {
        if (t.ValueKind != JsonValueKind.Object)
        {
            throw ProtoJson.Malformed(path, "expected an object");
        }

        JsonElement? logId = ProtoJson.Object(t, "logId", path);
        JsonElement? kv = ProtoJson.Object(t, "kindVersion", path);
        JsonElement? promise = ProtoJson.Object(t, "inclusionPromise", path);
        JsonElement? proof = ProtoJson.Object(t, "inclusionProof", path);
        InclusionProof? inclusionProof = null;
        if (proof.HasValue)
        {
            string pp = ProtoJson.Join(path, "inclusionProof");
            var hashes = new List<byte[]>();
            foreach ((JsonElement h, string hp) in ProtoJson.Array(proof.Value, "hashes", pp))
            {
                if (h.ValueKind != JsonValueKind.String)
                {
                    throw ProtoJson.Malformed(hp, "expected a base64 string");
                }

                hashes.Add(ProtoJson.DecodeBase64(h.GetString()!, hp));
            }

            JsonElement? cp = ProtoJson.Object(proof.Value, "checkpoint", pp);
            inclusionProof = new InclusionProof
            {
                LogIndex = ProtoJson.Int64(proof.Value, "logIndex", pp) ?? 0,
                RootHash = ProtoJson.Bytes(proof.Value, "rootHash", pp) ?? Array.Empty<byte>(),
                TreeSize = ProtoJson.Int64(proof.Value, "treeSize", pp) ?? 0,
                Hashes = hashes,
                Checkpoint = cp.HasValue ? ProtoJson.String(cp.Value, "envelope", ProtoJson.Join(pp, "checkpoint")) : null,
            };
        }

        return new TransparencyLogEntry
        {
            LogIndex = ProtoJson.Int64(t, "logIndex", path) ?? 0,
            LogId = logId.HasValue ? ProtoJson.Bytes(logId.Value, "keyId", ProtoJson.Join(path, "logId")) : null,
            Kind = kv.HasValue ? ProtoJson.String(kv.Value, "kind", ProtoJson.Join(path, "kindVersion")) : null,
            Version = kv.HasValue ? ProtoJson.String(kv.Value, "version", ProtoJson.Join(path, "kindVersion")) : null,
            IntegratedTime = ProtoJson.Int64(t, "integratedTime", path) ?? 0,
            SignedEntryTimestamp = promise.HasValue
                ? ProtoJson.Bytes(promise.Value, "signedEntryTimestamp", ProtoJson.Join(path, "inclusionPromise"))
                : null,
            InclusionProof = inclusionProof,
            CanonicalizedBody = ProtoJson.Bytes(t, "canonicalizedBody", path),
        };
    }
}
