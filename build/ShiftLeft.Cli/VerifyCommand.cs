using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Signing;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Cli;

/// <summary><c>shiftleft verify (--key PUB.pem | --certificate-chain CA.pem) [--signature SIG] [--ignore-paths P]… MODEL_PATH</c></summary>
internal static class VerifyCommand
{
    public static Command Create(CliOutput output)
    {
        var keyOpt = new Option<string?>("--key") { Description = "Public key (SPKI PEM) the model was signed with." };
        var chainOpt = new Option<string?>("--certificate-chain") { Description = "Trusted CA certificates (PEM) for certificate mode." };
        var sigOpt = new Option<string?>("--signature") { Description = "Signature file. Default: <dir>/model.sig or <file>.sig." };
        Option<string[]> ignoreOpt = CommonOptions.IgnorePaths();
        Argument<string> modelArg = CommonOptions.ModelPath();
        var cmd = new Command("verify", "Verify a model against its OMS signature.") { keyOpt, chainOpt, sigOpt, ignoreOpt, modelArg };
        cmd.Validators.Add(r =>
        {
            bool key = r.GetResult(keyOpt) is not null;
            bool chain = r.GetResult(chainOpt) is not null;
            if (key == chain)
            {
                r.AddError("give exactly one of --key or --certificate-chain");
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
