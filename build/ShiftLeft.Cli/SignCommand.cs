using System;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Manifest;
using ShiftLeft.Signing.Signing;

namespace ShiftLeft.Cli;

/// <summary><c>shiftleft sign --key KEY.pem [--certificate-chain CHAIN.pem] [--signature OUT]
/// [--method files|shards] [--shard-size N] [--ignore-paths P]… [--allow-symlinks] [--key-password-env VAR] MODEL_PATH</c></summary>
internal static class SignCommand
{
    public static Command Create(CliOutput output)
    {
        var keyOpt = new Option<string>("--key") { Description = "Private key (PKCS#8, EC PRIVATE KEY or encrypted PKCS#8 PEM).", Required = true };
        var pwOpt = new Option<string?>("--key-password-env") { Description = "Environment variable holding the password of an encrypted key." };
        var chainOpt = new Option<string?>("--certificate-chain") { Description = "PEM certificates [signing certificate, intermediates…] for certificate mode." };
        var sigOpt = new Option<string?>("--signature") { Description = "Signature file to write. Default: <dir>/model.sig or <file>.sig." };
        var methodOpt = new Option<string>("--method") { Description = "files (default) or shards.", DefaultValueFactory = _ => "files" };
        methodOpt.AcceptOnlyFromAmong("files", "shards");
        var shardOpt = new Option<long>("--shard-size")
        {
            Description = "Shard size in bytes for --method shards.",
            DefaultValueFactory = _ => SerializationParameters.DefaultShardSize,
        };
        shardOpt.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() <= 0)
            {
                r.AddError("--shard-size must be positive");
            }
        });
        var symOpt = new Option<bool>("--allow-symlinks") { Description = "Follow symbolic links instead of failing." };
        Option<string[]> ignoreOpt = CommonOptions.IgnorePaths();
        Argument<string> modelArg = CommonOptions.ModelPath();
        var cmd = new Command("sign", "Sign a model into an OMS signature (Sigstore bundle).")
        {
            keyOpt, pwOpt, chainOpt, sigOpt, methodOpt, shardOpt, symOpt, ignoreOpt, modelArg,
        };
        cmd.SetAction(r => output.Guard(() =>
        {
            string model = r.GetValue(modelArg)!;
            string? chainPath = r.GetValue(chainOpt);
            using ECDsa key = KeyLoader.LoadPrivateKey(r.GetValue(keyOpt)!, r.GetValue(pwOpt));
            using IBundleSigner signer = chainPath is null
                ? new KeyBundleSigner(key, ownsKey: false)
                : new CertificateBundleSigner(key, KeyLoader.LoadCertificates(chainPath), ownsKey: false, chainPath: chainPath);
            var options = new ModelSerializationOptions
            {
                Method = r.GetValue(methodOpt) == "shards" ? SerializationMethod.Shards : SerializationMethod.Files,
                ShardSize = r.GetValue(shardOpt),
                AllowSymlinks = r.GetValue(symOpt),
                IgnorePaths = CommonOptions.Values(r, ignoreOpt),
            };
            ModelSigningResult result = ModelSigner.SignToFile(model, signer, options, r.GetValue(sigOpt));
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signed '{model}' ({result.Manifest.Resources.Count} resources, sha256:{Convert.ToHexString(result.Manifest.RootDigest()).ToLowerInvariant()}) -> '{result.SignaturePath}'"));
            return ExitCodes.Ok;
        }, inputErrorsOnly: true));
        return cmd;
    }
}
