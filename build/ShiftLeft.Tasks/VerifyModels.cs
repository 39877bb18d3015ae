using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keyless;
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

    /// <summary>Keyless (Sigstore/Fulcio) mode: the signer's certificate identity (SAN), exact.</summary>
    public string? CertificateIdentity { get; set; }

    /// <summary>Keyless mode: a regular expression the signer's certificate identity must fully match.</summary>
    public string? CertificateIdentityRegex { get; set; }

    /// <summary>Keyless mode: the OIDC issuer recorded in the signer's certificate.</summary>
    public string? CertificateOidcIssuer { get; set; }

    /// <summary>Keyless mode: a Sigstore trusted root JSON; empty means the production root shipped with ShiftLeft.</summary>
    public string? TrustedRoot { get; set; }

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
        bool keyless = !string.IsNullOrWhiteSpace(CertificateIdentity) || !string.IsNullOrWhiteSpace(CertificateIdentityRegex) ||
                       !string.IsNullOrWhiteSpace(CertificateOidcIssuer);
        if ((hasKey ? 1 : 0) + (hasCerts ? 1 : 0) + (keyless ? 1 : 0) != 1)
        {
            TaskSupport.Error(Log, ErrorCodes.InvalidArguments,
                "give exactly one way to trust model signatures: a public key (ShiftLeftVerificationKeyFile), trusted CA certificates " +
                "(ShiftLeftTrustedCertificates), or a keyless signer identity (ShiftLeftCertificateIdentity or ShiftLeftCertificateIdentityRegex, " +
                "with ShiftLeftCertificateOidcIssuer)", null);
            return false;
        }

        ECDsa? key = null;
        IVerificationTrust trust;
        try
        {
            if (keyless)
            {
                trust = KeylessTrust.Create(CertificateIdentity, CertificateIdentityRegex, CertificateOidcIssuer, TrustedRoot);
            }
            else if (hasKey)
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
            TaskSupport.Error(Log, e.Failure, hasKey ? PublicKeyFile : keyless ? TrustedRoot : null);
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
            ErrorCodes.CertificateIdentityMismatch or ErrorCodes.CertificateIssuerMismatch =>
                "The model was signed by someone else than the identity this project trusts (ShiftLeftCertificateIdentity[Regex] / ShiftLeftCertificateOidcIssuer): check who signed it before changing the trusted identity.",
            _ => "See build/docs/errors.md for " + failure.Code + ".",
        };
        TaskSupport.Error(Log, failure.Code, $"model '{modelPath}' failed verification: {failure.Message}. {advice}", failure.Path ?? modelPath);
    }
}
