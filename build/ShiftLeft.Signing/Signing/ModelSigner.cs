using System;
using System.IO;
using System.Linq;
using System.Threading;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.Dsse;
using ShiftLeft.Signing.IO;
using ShiftLeft.Signing.Manifest;

namespace ShiftLeft.Signing.Signing;

/// <summary>Result of signing a model.</summary>
public sealed record ModelSigningResult(string SignaturePath, ModelManifest Manifest, byte[] Bundle, bool Written);

/// <summary>Signs models as OMS signatures: manifest → in-toto statement → DSSE → bundle → file.</summary>
public static class ModelSigner
{
    public const string DefaultSignatureFileName = "model.sig";

    /// <summary>The default signature path: <c>&lt;dir&gt;/model.sig</c> for a directory, <c>&lt;file&gt;.sig</c> for a file.</summary>
    public static string DefaultSignaturePath(string modelPath)
    {
        string full = Path.TrimEndingDirectorySeparator(FullPath(modelPath, ErrorCodes.ModelNotFound));
        return Directory.Exists(full) ? Path.Combine(full, DefaultSignatureFileName) : full + ".sig";
    }

    /// <summary>Builds the signed bundle for a model, without writing it.</summary>
    public static (ModelManifest Manifest, SigstoreBundle Bundle) CreateBundle(string modelPath, IBundleSigner signer,
        ModelSerializationOptions options, CancellationToken cancellationToken = default)
    {
        ModelManifest manifest = ModelSerializer.Serialize(modelPath, options, cancellationToken);
        byte[] payload = ModelSigningPayload.Build(manifest);
        return (manifest, signer.SignDsse(MediaTypes.InTotoPayload, payload));
    }

    /// <summary>Signs <paramref name="modelPath"/> and writes the bundle atomically to
    /// <paramref name="signaturePath"/> (default: <see cref="DefaultSignaturePath"/>). With
    /// <paramref name="skipIfUnchanged"/>, an existing signature that already signs the same payload with the
    /// same verification material (and verifies with the signer's key) is left untouched.</summary>
    public static ModelSigningResult SignToFile(string modelPath, IBundleSigner signer, ModelSerializationOptions options,
        string? signaturePath = null, bool skipIfUnchanged = false, CancellationToken cancellationToken = default)
    {
        string sigPath = FullPath(signaturePath ?? DefaultSignaturePath(modelPath), ErrorCodes.IoError);
        var effective = new ModelSerializationOptions
        {
            Method = options.Method,
            ShardSize = options.ShardSize,
            AllowSymlinks = options.AllowSymlinks,
            IgnorePaths = options.IgnorePaths,
            SignaturePath = sigPath,
        };

        ModelManifest manifest = ModelSerializer.Serialize(modelPath, effective, cancellationToken);
        byte[] payload = ModelSigningPayload.Build(manifest);
        if (skipIfUnchanged && TryReadExisting(sigPath) is { } existing && IsSameSignature(existing.Bundle, payload, signer))
        {
            return new ModelSigningResult(sigPath, manifest, existing.Bytes, Written: false);
        }

        SigstoreBundle bundle = signer.SignDsse(MediaTypes.InTotoPayload, payload);
        byte[] bytes = BundleWriter.Write(bundle);
        AtomicFile.Write(sigPath, bytes);
        return new ModelSigningResult(sigPath, manifest, bytes, Written: true);
    }

    private static string FullPath(string path, string code)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SigningException(code, $"invalid path '{path}': {e.Message}", path, e);
        }
    }

    private static (SigstoreBundle Bundle, byte[] Bytes)? TryReadExisting(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            byte[] bytes = File.ReadAllBytes(path);
            return (BundleReader.Parse(bytes), bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SigningException)
        {
            return null;
        }
    }

    private static bool IsSameSignature(SigstoreBundle existing, byte[] payload, IBundleSigner signer)
    {
        DsseEnvelope? env = existing.DsseEnvelope;
        if (existing.MediaType != MediaTypes.BundleV03 || env is null || env.PayloadType != MediaTypes.InTotoPayload ||
            env.Signatures.Count != 1 || !env.Payload.AsSpan().SequenceEqual(payload))
        {
            return false;
        }

        VerificationMaterial a = existing.VerificationMaterial;
        VerificationMaterial b = signer.Material;
        if (a.Kind != b.Kind || a.TlogEntries.Count != 0 ||
            a.PublicKey?.Hint != b.PublicKey?.Hint ||
            a.Certificates.Count != b.Certificates.Count ||
            !a.Certificates.Zip(b.Certificates).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
        {
            return false;
        }

        return signer.VerifyOwnSignature(Pae.Encode(env.PayloadType, env.Payload), env.Signatures[0].Sig);
    }
}
