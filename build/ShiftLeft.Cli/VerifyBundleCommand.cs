using System.CommandLine;
using System.IO;
using System.Security.Cryptography;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keyless;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.TrustRoot;
using ShiftLeft.Signing.Verification;

namespace ShiftLeft.Cli;

/// <summary>sigstore-conformance protocol: <c>shiftleft verify-bundle --bundle F (--certificate-identity I
/// --certificate-oidc-issuer U | --key PUB.pem) [--trusted-root TR] FILE_OR_sha256:HEX</c>. Exit 0 when verified.
/// Keyless verification is offline against the trusted root (default: the embedded production root).</summary>
internal static class VerifyBundleCommand
{
    public static Command Create(CliOutput output)
    {
        var bundleOpt = new Option<string>("--bundle") { Description = "The Sigstore bundle (JSON).", Required = true };
        var keyOpt = new Option<string?>("--key") { Description = "Public key (SPKI PEM); tlog entries and timestamps in the bundle are verified too." };
        var identityOpt = new Option<string?>("--certificate-identity") { Description = "Keyless: expected certificate identity (SAN: email or URI), exact." };
        var identityRegexOpt = new Option<string?>("--certificate-identity-regex") { Description = "Keyless: .NET regex a SAN must match (searched; anchor with ^...$)." };
        var issuerOpt = new Option<string?>("--certificate-oidc-issuer") { Description = "Keyless: expected OIDC issuer of the certificate, exact." };
        var rootOpt = new Option<string?>("--trusted-root") { Description = "Sigstore trusted root JSON. Default: the embedded public-good production root." };
        var stagingOpt = new Option<bool>("--staging") { Description = "Not supported offline: pass the staging trusted root with --trusted-root." };
        var inputArg = new Argument<string>("FILE_OR_DIGEST") { Description = "The artifact, or sha256:<64 hex digits>." };
        var cmd = new Command("verify-bundle", "Verify a Sigstore bundle against an artifact (sigstore-conformance protocol).")
        {
            bundleOpt, keyOpt, identityOpt, identityRegexOpt, issuerOpt, rootOpt, stagingOpt, inputArg,
        };
        cmd.SetAction(r => output.Guard(() =>
        {
            string? keyPath = r.GetValue(keyOpt);
            string? identity = r.GetValue(identityOpt);
            string? identityRegex = r.GetValue(identityRegexOpt);
            string? issuer = r.GetValue(issuerOpt);
            string? rootPath = r.GetValue(rootOpt);
            if (r.GetValue(stagingOpt))
            {
                throw new SigningException(ErrorCodes.InvalidArguments, "--staging needs the network; pass the staging trusted root with --trusted-root");
            }

            bool keyless = identity is not null || identityRegex is not null || issuer is not null;
            if (keyPath is not null == keyless)
            {
                throw new SigningException(ErrorCodes.InvalidArguments,
                    "give either --key, or --certificate-identity (or --certificate-identity-regex) with --certificate-oidc-issuer");
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

            if (keyPath is not null)
            {
                TrustedRoot root = rootPath is null ? TrustedRoot.Production : TrustedRoot.LoadFile(rootPath);
                using ECDsa key = KeyLoader.LoadPublicKey(keyPath);
                VerificationResult keyResult = BundleVerifier.Verify(File.ReadAllBytes(bundlePath), artifact, new PublicKeyTransparencyTrust(key, root));
                return output.Report(keyResult, "OK");
            }

            KeylessTrust trust = KeylessTrust.Create(identity, identityRegex, issuer, rootPath);
            VerificationResult result = BundleVerifier.Verify(File.ReadAllBytes(bundlePath), artifact, trust);
            return output.Report(result, $"OK: signed by {identity ?? identityRegex} ({issuer})");
        }, inputErrorsOnly: false));
        return cmd;
    }
}
