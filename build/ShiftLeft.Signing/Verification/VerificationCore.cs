using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing.Bundle;
using ShiftLeft.Signing.InToto;
using ShiftLeft.Signing.Manifest;

namespace ShiftLeft.Signing.Verification;

/// <summary>The outcome of a verification: success, or the failures of the first failing step.</summary>
public sealed class VerificationResult
{
    internal VerificationResult(IReadOnlyList<Failure> failures, VerificationContext? context)
    {
        Failures = failures;
        Statement = context?.Statement;
        Manifest = context?.SignedManifest;
    }

    public bool Success => Failures.Count == 0;
    public IReadOnlyList<Failure> Failures { get; }

    /// <summary>The first failure, or null on success.</summary>
    public Failure? Failure => Failures.Count > 0 ? Failures[0] : null;

    public InTotoStatement? Statement { get; }
    public ModelManifest? Manifest { get; }

    public static VerificationResult Fail(Failure failure) => new(new[] { failure }, null);
}

/// <summary>State shared by the steps of one verification. Material steps establish <see cref="SigningKey"/>;
/// the signature step sets <see cref="SignatureVerified"/>; payload steps fill the statement and manifest.</summary>
public sealed class VerificationContext : IDisposable
{
    public VerificationContext(SigstoreBundle bundle)
    {
        Bundle = bundle;
    }

    public SigstoreBundle Bundle { get; }

    /// <summary>The artifact for <c>verify-bundle</c>, null for model verification.</summary>
    public ArtifactInput? Artifact { get; init; }

    /// <summary>The public key the signature must verify under (owned by the trust that set it).</summary>
    public ECDsa? SigningKey { get; set; }

    /// <summary>The verified signing certificate (certificate modes).</summary>
    public X509Certificate2? SigningCertificate { get; set; }

    /// <summary>Set by a material step when the bundle names a key other than the trusted one; turns a signature
    /// failure into <see cref="ErrorCodes.WrongKey"/>.</summary>
    public string? KeyMismatch { get; set; }

    public bool SignatureVerified { get; set; }
    public InTotoStatement? Statement { get; set; }
    public ModelManifest? SignedManifest { get; set; }

    /// <summary>Free-form state for steps added later (keyless: verified timestamps, tlog entries…).</summary>
    public IDictionary<string, object> Properties { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    private readonly List<IDisposable> _owned = new();

    /// <summary>Registers something to dispose with the context.</summary>
    public T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }

        _owned.Clear();
    }
}

/// <summary>One small verification step. Returns no failures on success.</summary>
public interface IVerificationStep
{
    string Name { get; }
    IReadOnlyList<Failure> Run(VerificationContext context);
}

/// <summary>Trust material for a verification mode. Material steps run before the signature check and
/// must set <see cref="VerificationContext.SigningKey"/>; evidence steps run after it (keyless: tlog
/// entries, timestamps, identity policy).</summary>
public interface IVerificationTrust
{
    IEnumerable<IVerificationStep> MaterialSteps();
    IEnumerable<IVerificationStep> EvidenceSteps();
}

/// <summary>Runs steps in order and stops at the first step that fails. Exceptions of type
/// <see cref="SigningException"/> become failures.</summary>
public sealed class VerificationPipeline
{
    private readonly List<IVerificationStep> _steps = new();

    public IReadOnlyList<IVerificationStep> Steps => _steps;

    public VerificationPipeline Add(IVerificationStep step)
    {
        _steps.Add(step);
        return this;
    }

    public VerificationPipeline AddRange(IEnumerable<IVerificationStep> steps)
    {
        _steps.AddRange(steps);
        return this;
    }

    public VerificationResult Run(VerificationContext context)
    {
        foreach (IVerificationStep step in _steps)
        {
            IReadOnlyList<Failure> failures;
            try
            {
                failures = step.Run(context);
            }
            catch (SigningException e)
            {
                failures = new[] { e.Failure };
            }

            if (failures.Count > 0)
            {
                return new VerificationResult(failures, context);
            }
        }

        return new VerificationResult(Array.Empty<Failure>(), context);
    }
}

/// <summary>The artifact of a <c>verify-bundle</c> call: a file, or only its SHA-256 digest.</summary>
public sealed class ArtifactInput
{
    private byte[]? _sha256;

    private ArtifactInput(string? path, byte[]? sha256)
    {
        FilePath = path;
        _sha256 = sha256;
    }

    public string? FilePath { get; }

    public static ArtifactInput FromFile(string path) => new(path, null);

    public static ArtifactInput FromSha256(byte[] digest) =>
        digest.Length == 32 ? new(null, digest) : throw new ArgumentException("SHA-256 digest must be 32 bytes");

    /// <summary>Parses <c>sha256:HEX</c>; null when <paramref name="text"/> is not of that form.</summary>
    public static ArtifactInput? TryParseDigest(string text)
    {
        if (!text.StartsWith("sha256:", StringComparison.Ordinal) || text.Length != 7 + 64)
        {
            return null;
        }

        try
        {
            return FromSha256(Convert.FromHexString(text.AsSpan(7)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public byte[] Sha256()
    {
        if (_sha256 is null)
        {
            if (!System.IO.File.Exists(FilePath))
            {
                throw new SigningException(ErrorCodes.ModelNotFound, $"artifact '{FilePath}' does not exist", FilePath);
            }

            _sha256 = Hashing.FileHasher.HashFile(FilePath!);
        }

        return _sha256;
    }

    public string Sha256Hex => Convert.ToHexString(Sha256()).ToLowerInvariant();
}

internal static class Steps
{
    public static readonly IReadOnlyList<Failure> Ok = Array.Empty<Failure>();

    public static IReadOnlyList<Failure> Fail(string code, string message, string? path = null) =>
        new[] { new Failure(code, message, path) };
}
