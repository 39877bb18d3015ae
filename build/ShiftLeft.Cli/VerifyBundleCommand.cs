using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Cli;

/// <summary>sigstore-conformance protocol: <c>shiftleft verify-bundle --bundle F --key PUB.pem FILE_OR_sha256:HEX</c>.
/// Keyless options are accepted by the parser but not supported yet.</summary>
internal static class VerifyBundleCommand
{
    public static Command Create(CliOutput output)
    {
        var bundleOpt = new Option<string>("--bundle") { Description = "The Sigstore bundle (JSON).", Required = true };
        var keyOpt = new Option<string?>("--key") { Description = "Public key (SPKI PEM)." };
        var identityOpt = new Option<string?>("--certificate-identity") { Description = "Keyless: expected certificate identity (not supported yet)." };
        var issuerOpt = new Option<string?>("--certificate-oidc-issuer") { Description = "Keyless: expected OIDC issuer (not supported yet)." };
        var rootOpt = new Option<string?>("--trusted-root") { Description = "Keyless: trusted root JSON (not supported yet)." };
        var stagingOpt = new Option<bool>("--staging") { Description = "Keyless: use the staging instance (not supported yet)." };
        var inputArg = new Argument<string>("FILE_OR_DIGEST") { Description = "The artifact, or sha256:<64 hex digits>." };
        var cmd = new Command("verify-bundle", "Verify a Sigstore bundle against an artifact (sigstore-conformance protocol).")
        {
            bundleOpt, keyOpt, identityOpt, issuerOpt, rootOpt, stagingOpt, inputArg,
        };
        cmd.SetAction(r => output.Guard(() =>
        {
            string? keyPath = r.GetValue(keyOpt);
            if (keyPath is null)
            {
                throw new SigningException(ErrorCodes.UnsupportedVerificationMaterial, r.GetValue(identityOpt) is not null
                    ? "keyless verification (--certificate-identity/--certificate-oidc-issuer) is not supported yet; use --key"
                    : "give --key");
            }

            string input = r.GetValue(inputArg)!;
            ArtifactInput artifact = !File.Exists(input) && ArtifactInput.TryParseDigest(input) is { } digest
                ? digest
                : File.Exists(input)
                    ? ArtifactInput.FromFile(input)
                    : throw new SigningException(ErrorCodes.ModelNotFound, $"artifact '{input}' does not exist", input);
            string bundlePath = r.GetValue(bundleOpt)!;
            if (!File.Exists(bundlePath))
            {
                throw new SigningException(ErrorCodes.SignatureNotFound, $"bundle '{bundlePath}' does not exist", bundlePath);
            }

            using ECDsa key = KeyLoader.LoadPublicKey(keyPath);
            VerificationResult result = BundleVerifier.Verify(File.ReadAllBytes(bundlePath), artifact, new PublicKeyTrust(key));
            return output.Report(result, "OK");
        }, inputErrorsOnly: false));
        return cmd;
    }
}
