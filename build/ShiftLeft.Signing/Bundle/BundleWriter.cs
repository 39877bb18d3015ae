using System;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using ShiftLeft.Signing.Dsse;

namespace ShiftLeft.Signing.Bundle;

/// <summary>Writes a bundle in canonical proto3 JSON: camelCase, protobuf field order, padded standard
/// base64, int64 as strings, compact, no trailing newline (the form model_signing writes).</summary>
public static class BundleWriter
{
    public static byte[] Write(SigstoreBundle bundle)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("mediaType", bundle.MediaType);
            WriteMaterial(w, bundle.VerificationMaterial);
            if (bundle.MessageSignature is { } m)
            {
                w.WriteStartObject("messageSignature");
                if (m.Digest is not null)
                {
                    w.WriteStartObject("messageDigest");
                    w.WriteString("algorithm", m.DigestAlgorithm ?? "SHA2_256");
                    w.WriteString("digest", Convert.ToBase64String(m.Digest));
                    w.WriteEndObject();
                }

                w.WriteString("signature", Convert.ToBase64String(m.Signature));
                w.WriteEndObject();
            }
            else
            {
                w.WritePropertyName("dsseEnvelope");
                WriteEnvelope(w, bundle.DsseEnvelope!);
            }

            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    public static void WriteEnvelope(Utf8JsonWriter w, DsseEnvelope env)
    {
        w.WriteStartObject();
        w.WriteString("payload", Convert.ToBase64String(env.Payload));
        w.WriteString("payloadType", env.PayloadType);
        w.WriteStartArray("signatures");
        foreach (DsseSignature s in env.Signatures)
        {
            w.WriteStartObject();
            w.WriteString("sig", Convert.ToBase64String(s.Sig));
            if (s.KeyId is not null)
            {
                w.WriteString("keyid", s.KeyId);
            }
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMaterial(Utf8JsonWriter w, VerificationMaterial vm)
    {
        w.WriteStartObject("verificationMaterial");
        switch (vm.Kind)
        {
            case MaterialKind.PublicKey:
                w.WriteStartObject("publicKey");
                PublicKeyIdentifier pk = vm.PublicKey ?? new PublicKeyIdentifier(null);
                if (pk.Hint is not null)
                {
                    w.WriteString("hint", pk.Hint);
                }

                if (pk.LegacyRawBytes is not null)
                {
                    w.WriteString("rawBytes", Convert.ToBase64String(pk.LegacyRawBytes));
                }

                if (pk.LegacyKeyDetails is not null)
                {
                    w.WriteString("keyDetails", pk.LegacyKeyDetails);
                }

                w.WriteEndObject();
                break;
            case MaterialKind.X509CertificateChain:
                w.WriteStartObject("x509CertificateChain");
                w.WriteStartArray("certificates");
                foreach (byte[] c in vm.Certificates)
                {
                    w.WriteStartObject();
                    w.WriteString("rawBytes", Convert.ToBase64String(c));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case MaterialKind.Certificate:
                w.WriteStartObject("certificate");
                w.WriteString("rawBytes", Convert.ToBase64String(vm.Certificates[0]));
                w.WriteEndObject();
                break;
        }

        w.WriteStartArray("tlogEntries");
        foreach (TransparencyLogEntry t in vm.TlogEntries)
        {
            WriteTlogEntry(w, t);
        }

        w.WriteEndArray();
        if (vm.HasTimestampVerificationData || vm.Rfc3161Timestamps.Count > 0)
        {
            w.WriteStartObject("timestampVerificationData");
            if (vm.Rfc3161Timestamps.Count > 0)
            {
                w.WriteStartArray("rfc3161Timestamps");
                foreach (byte[] ts in vm.Rfc3161Timestamps)
                {
                    w.WriteStartObject();
                    w.WriteString("signedTimestamp", Convert.ToBase64String(ts));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteTlogEntry(Utf8JsonWriter w, TransparencyLogEntry t)
    {
        w.WriteStartObject();
        w.WriteString("logIndex", t.LogIndex.ToString(CultureInfo.InvariantCulture));
        if (t.LogId is not null)
        {
            w.WriteStartObject("logId");
            w.WriteString("keyId", Convert.ToBase64String(t.LogId));
            w.WriteEndObject();
        }

        if (t.Kind is not null || t.Version is not null)
        {
            w.WriteStartObject("kindVersion");
            w.WriteString("kind", t.Kind ?? string.Empty);
            w.WriteString("version", t.Version ?? string.Empty);
            w.WriteEndObject();
        }

        w.WriteString("integratedTime", t.IntegratedTime.ToString(CultureInfo.InvariantCulture));
        if (t.SignedEntryTimestamp is not null)
        {
            w.WriteStartObject("inclusionPromise");
            w.WriteString("signedEntryTimestamp", Convert.ToBase64String(t.SignedEntryTimestamp));
            w.WriteEndObject();
        }

        if (t.InclusionProof is { } p)
        {
            w.WriteStartObject("inclusionProof");
            w.WriteString("logIndex", p.LogIndex.ToString(CultureInfo.InvariantCulture));
            w.WriteString("rootHash", Convert.ToBase64String(p.RootHash));
            w.WriteString("treeSize", p.TreeSize.ToString(CultureInfo.InvariantCulture));
            w.WriteStartArray("hashes");
            foreach (byte[] h in p.Hashes)
            {
                w.WriteStringValue(Convert.ToBase64String(h));
            }

            w.WriteEndArray();
            if (p.Checkpoint is not null)
            {
                w.WriteStartObject("checkpoint");
                w.WriteString("envelope", p.Checkpoint);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (t.CanonicalizedBody is not null)
        {
            w.WriteString("canonicalizedBody", Convert.ToBase64String(t.CanonicalizedBody));
        }

        w.WriteEndObject();
    }
}
