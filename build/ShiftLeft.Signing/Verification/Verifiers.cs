using System;
using System.IO;
using System.Threading;
using ShiftLeft.Signing.Bundle;

namespace ShiftLeft.Signing.Verification;

/// <summary>Verifies OMS model signatures: bundle → material (trust) → DSSE signature → statement → manifest →
/// model content.</summary>
public static class ModelVerifier
{
    public static VerificationResult VerifyFile(string modelPath, string signaturePath, IVerificationTrust trust,
        ModelVerificationOptions? options = null)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(modelPath) && !Directory.Exists(modelPath))
            {
                return VerificationResult.Fail(new Failure(ErrorCodes.ModelNotFound,
                    $"model path '{modelPath}' does not exist", modelPath));
            }

            if (!File.Exists(signaturePath))
            {
                return VerificationResult.Fail(new Failure(ErrorCodes.SignatureNotFound,
                    $"signature file '{signaturePath}' does not exist", signaturePath));
            }

            bytes = File.ReadAllBytes(signaturePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return VerificationResult.Fail(new Failure(ErrorCodes.IoError,
                $"cannot read signature file '{signaturePath}': {e.Message}", signaturePath));
        }

        options ??= new ModelVerificationOptions();
        return Verify(modelPath, bytes, trust, new ModelVerificationOptions
        {
            IgnorePaths = options.IgnorePaths,
            SignaturePath = options.SignaturePath ?? signaturePath,
            MaxReportedFailures = options.MaxReportedFailures,
        });
    }

    public static VerificationResult Verify(string modelPath, byte[] bundleJson, IVerificationTrust trust,
        ModelVerificationOptions? options = null)
    {
        SigstoreBundle bundle;
        try
        {
            bundle = BundleReader.Parse(bundleJson);
        }
        catch (SigningException e)
        {
            return VerificationResult.Fail(e.Failure);
        }

        using var context = new VerificationContext(bundle);
        VerificationPipeline pipeline = CreatePipeline(modelPath, trust, options ?? new ModelVerificationOptions());
        return pipeline.Run(context);
    }

    public static VerificationPipeline CreatePipeline(string modelPath, IVerificationTrust trust, ModelVerificationOptions options) =>
        new VerificationPipeline()
            .Add(new BundleContentStep(allowMessageSignature: false))
            .AddRange(trust.MaterialSteps())
            .Add(new DsseSignatureStep())
            .AddRange(trust.EvidenceSteps())
            .Add(new StatementStep())
            .Add(new ModelManifestStep())
            .Add(new ModelContentStep(modelPath, options));
}

/// <summary>Verifies any Sigstore bundle against an artifact (sigstore-conformance <c>verify-bundle</c>): message
/// signatures and DSSE in-toto bundles.</summary>
public static class BundleVerifier
{
    public static VerificationResult Verify(byte[] bundleJson, ArtifactInput artifact, IVerificationTrust trust)
    {
        SigstoreBundle bundle;
        try
        {
            bundle = BundleReader.Parse(bundleJson);
        }
        catch (SigningException e)
        {
            return VerificationResult.Fail(e.Failure);
        }

        using var context = new VerificationContext(bundle) { Artifact = artifact };
        var pipeline = new VerificationPipeline()
            .Add(new BundleContentStep(allowMessageSignature: true))
            .AddRange(trust.MaterialSteps());
        if (bundle.MessageSignature is not null)
        {
            pipeline.Add(new MessageSignatureStep()).AddRange(trust.EvidenceSteps());
        }
        else
        {
            pipeline.Add(new DsseSignatureStep())
                .AddRange(trust.EvidenceSteps())
                .Add(new StatementStep())
                .Add(new ArtifactSubjectStep());
        }

        return pipeline.Run(context);
    }
}
