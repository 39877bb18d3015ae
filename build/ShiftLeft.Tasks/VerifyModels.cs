using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Signing;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Tasks;

/// <summary>Verifies model files or directories against their OMS signatures, with a public key or with trusted
/// CA certificates. Every failure is logged as an SL9xxx error naming the file it concerns.</summary>
public sealed class VerifyModels : Microsoft.Build.Utilities.Task
{
    /// <summary>Models (files or directories). Metadata: <c>SignaturePath</c>, <c>IgnorePaths</c>.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Public key PEM (key mode). Exactly one of this and <see cref="TrustedCertificates"/>.</summary>
    public string? PublicKeyFile { get; set; }

    /// <summary>PEM files of trusted CA certificates (certificate mode).</summary>
    public string[]? TrustedCertificates { get; set; }

    public string[]? IgnorePaths { get; set; }

    /// <summary>The models that verified.</summary>
    [Output]
    public ITaskItem[] VerifiedModels { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Models.Length == 0)
        {
            return true;
        }

        bool hasKey = !string.IsNullOrWhiteSpace(PublicKeyFile);
        bool hasCerts = TrustedCertificates is { Length: > 0 };
        if (hasKey == hasCerts)
        {
            TaskSupport.Error(Log, ErrorCodes.InvalidArguments,
                "give exactly one of PublicKeyFile or TrustedCertificates to verify models", null);
            return false;
        }

        ECDsa? key = null;
        IVerificationTrust trust;
        try
        {
            if (hasKey)
            {
                key = KeyLoader.LoadPublicKey(PublicKeyFile!);
                trust = new PublicKeyTrust(key);
            }
            else
            {
                var anchors = new List<X509Certificate2>();
                foreach (string path in TrustedCertificates!)
                {
                    anchors.AddRange(KeyLoader.LoadCertificates(path));
                }

                trust = new CertificateChainTrust(anchors);
            }
        }
        catch (SigningException e)
        {
            TaskSupport.Error(Log, e.Failure, hasKey ? PublicKeyFile : null);
            return false;
        }

        var verified = new List<ITaskItem>();
        using (key)
        {
            foreach (ITaskItem model in Models)
            {
                string modelPath = model.ItemSpec;
                try
                {
                    string signature = TaskSupport.Metadata(model, "SignaturePath") ?? ModelSigner.DefaultSignaturePath(modelPath);
                    VerificationResult result = ModelVerifier.VerifyFile(modelPath, signature, trust, new ModelVerificationOptions
                    {
                        IgnorePaths = TaskSupport.Combine(IgnorePaths, TaskSupport.SplitList(TaskSupport.Metadata(model, "IgnorePaths"))),
                    });
                    if (result.Success)
                    {
                        verified.Add(new TaskItem(model));
                        Log.LogMessage(MessageImportance.Normal, $"ShiftLeft: verified '{modelPath}'");
                        continue;
                    }

                    foreach (Failure f in result.Failures)
                    {
                        ReportFailure(f, modelPath, signature);
                    }
                }
                catch (SigningException e)
                {
                    ReportFailure(e.Failure, modelPath, TaskSupport.Metadata(model, "SignaturePath") ?? ModelSigner.DefaultSignaturePath(modelPath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    TaskSupport.Error(Log, ErrorCodes.IoError, e.Message, modelPath);
                }
            }
        }

        VerifiedModels = verified.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>Names the model, says what failed, and what to do about it.</summary>
    private void ReportFailure(Failure failure, string modelPath, string signaturePath)
    {
        string advice = failure.Code switch
        {
            ErrorCodes.SignatureNotFound =>
                $"Every ShiftLeftModel needs a signature: sign it at build (set ShiftLeftSigningKeyFile) or commit the model producer's signature as '{Path.GetFileName(signaturePath)}' next to the model in the project.",
            ErrorCodes.DigestMismatch or ErrorCodes.ExtraFile or ErrorCodes.MissingFile =>
                "The model is not the one that was signed: restore the signed model, or have the producer re-sign it if the change is intended.",
            ErrorCodes.WrongKey or ErrorCodes.BadSignature =>
                "The signature was not made with the key this project trusts (ShiftLeftVerificationKeyFile / ShiftLeftTrustedCertificates): get a signature from the trusted producer, or fix the configured key.",
            _ => "See build/docs/errors.md for " + failure.Code + ".",
        };
        TaskSupport.Error(Log, failure.Code, $"model '{modelPath}' failed verification: {failure.Message}. {advice}", failure.Path ?? modelPath);
    }
}
