using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keyless;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Signing;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Cli;

/// <summary><c>shiftleft verify (--key PUB.pem | --certificate-chain CA.pem | (--certificate-identity I |
/// --certificate-identity-regex R) --certificate-oidc-issuer U [--trusted-root TR]) [--signature SIG]
/// [--ignore-paths P]… MODEL_PATH</c></summary>
internal static class VerifyCommand
{
    public static Command Create(CliOutput output)
    {
        var keyOpt = new Option<string?>("--key") { Description = "Public key (SPKI PEM) the model was signed with." };
        var chainOpt = new Option<string?>("--certificate-chain") { Description = "Trusted CA certificates (PEM) for certificate mode." };
        var identityOpt = new Option<string?>("--certificate-identity") { Description = "Keyless: expected certificate identity (SAN: email or URI), exact." };
        var identityRegexOpt = new Option<string?>("--certificate-identity-regex") { Description = "Keyless: .NET regex a SAN must match (searched; anchor with ^...$)." };
        var issuerOpt = new Option<string?>("--certificate-oidc-issuer") { Description = "Keyless: expected OIDC issuer of the certificate, exact." };
        var rootOpt = new Option<string?>("--trusted-root") { Description = "Keyless: Sigstore trusted root JSON. Default: the embedded public-good production root." };
        var sigOpt = new Option<string?>("--signature") { Description = "Signature file. Default: <dir>/model.sig or <file>.sig." };
        Option<string[]> ignoreOpt = CommonOptions.IgnorePaths();
        Argument<string> modelArg = CommonOptions.ModelPath();
        var cmd = new Command("verify", "Verify a model against its OMS signature.") { keyOpt, chainOpt, identityOpt, identityRegexOpt, issuerOpt, rootOpt, sigOpt, ignoreOpt, modelArg };
        cmd.Validators.Add(r =>
        {
            bool key = r.GetResult(keyOpt) is not null;
            bool chain = r.GetResult(chainOpt) is not null;
            bool identity = r.GetResult(identityOpt) is not null;
            bool regex = r.GetResult(identityRegexOpt) is not null;
            bool keyless = identity || regex || r.GetResult(issuerOpt) is not null;
            if ((key ? 1 : 0) + (chain ? 1 : 0) + (keyless ? 1 : 0) != 1)
            {
                r.AddError("give exactly one of --key, --certificate-chain, or --certificate-identity[-regex] with --certificate-oidc-issuer");
            }
            else if (keyless && (identity == regex || r.GetResult(issuerOpt) is null))
            {
                r.AddError("keyless verification needs one of --certificate-identity / --certificate-identity-regex and --certificate-oidc-issuer");
            }

            if (r.GetResult(rootOpt) is not null && !keyless)
            {
                r.AddError("--trusted-root applies to keyless verification only");
            }
        });
        cmd.SetAction(r => output.Guard(() =>
        {
            string model = r.GetValue(modelArg)!;
            string signature = r.GetValue(sigOpt) ?? ModelSigner.DefaultSignaturePath(model);
            IVerificationTrust trust;
            ECDsa? key = null;
            if (r.GetValue(keyOpt) is { } keyPath)
            {
                key = KeyLoader.LoadPublicKey(keyPath);
                trust = new PublicKeyTrust(key);
            }
            else if (r.GetValue(chainOpt) is null)
            {
                trust = KeylessTrust.Create(r.GetValue(identityOpt), r.GetValue(identityRegexOpt), r.GetValue(issuerOpt), r.GetValue(rootOpt));
            }
            else
            {
                IReadOnlyList<X509Certificate2> anchors = KeyLoader.LoadCertificates(r.GetValue(chainOpt)!);
                trust = new CertificateChainTrust(anchors);
            }

            using (key)
            {
                VerificationResult result = ModelVerifier.VerifyFile(model, signature, trust,
                    new ModelVerificationOptions { IgnorePaths = CommonOptions.Values(r, ignoreOpt) });
                return output.Report(result, string.Create(CultureInfo.InvariantCulture,
                    $"verified '{model}' ({result.Manifest?.Resources.Count ?? 0} resources) with '{signature}'"));
            }
        }, inputErrorsOnly: false));
        return cmd;
    }
}
