using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Signing;
using ShiftLeft.Signing.Keys;
using ShiftLeft.Signing.Manifest;
using ShiftLeft.Signing.Signing;

namespace ShiftLeft.Tasks;

/// <summary>Signs model files or directories into OMS signatures (Sigstore bundles). A signature that already
/// signs the same content with the same key is left untouched (so incremental builds do not rewrite it).</summary>
public sealed class SignModels : Microsoft.Build.Utilities.Task
{
    /// <summary>Models (files or directories). Metadata: <c>SignaturePath</c>, <c>Method</c> (files|shards),
    /// <c>IgnorePaths</c> (';'-separated, added to <see cref="IgnorePaths"/>).</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Private key PEM (PKCS#8, EC PRIVATE KEY, or encrypted PKCS#8).</summary>
    [Required]
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Name of the environment variable holding the key's password (encrypted keys).</summary>
    public string? KeyPasswordEnvironmentVariable { get; set; }

    /// <summary>Optional PEM chain [signing certificate, intermediates…]: certificate mode.</summary>
    public string? CertificateChain { get; set; }

    /// <summary>files (default) or shards.</summary>
    public string Method { get; set; } = "files";

    /// <summary>Shard size in bytes (shards method). Default 1000000000.</summary>
    public string? ShardSize { get; set; }

    /// <summary>Paths to leave out of every model (absolute, or relative to the model root).</summary>
    public string[]? IgnorePaths { get; set; }

    public bool AllowSymlinks { get; set; }

    /// <summary>Every signature file of this run (written or already up to date), for <c>FileWrites</c>.
    /// Metadata: <c>ModelPath</c>, <c>Updated</c> (true when the file was written).</summary>
    [Output]
    public ITaskItem[] SignatureFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Models.Length == 0)
        {
            return true;
        }

        if (!TryParseOptions(out SerializationMethod defaultMethod, out long shardSize))
        {
            return false;
        }

        IBundleSigner signer;
        try
        {
            ECDsa key = KeyLoader.LoadPrivateKey(KeyFile, KeyPasswordEnvironmentVariable);
            try
            {
                signer = string.IsNullOrWhiteSpace(CertificateChain)
                    ? new KeyBundleSigner(key)
                    : new CertificateBundleSigner(key, KeyLoader.LoadCertificates(CertificateChain!), chainPath: CertificateChain);
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        catch (SigningException e)
        {
            TaskSupport.Error(Log, e.Failure, KeyFile);
            return false;
        }

        var outputs = new List<ITaskItem>();
        using (signer)
        {
            foreach (ITaskItem model in Models)
            {
                string modelPath = model.ItemSpec;
                SerializationMethod method = defaultMethod;
                if (TaskSupport.Metadata(model, "Method") is { } m && !TryParseMethod(m, out method))
                {
                    TaskSupport.Error(Log, ErrorCodes.InvalidArguments, $"unknown signing method '{m}' (use files or shards)", modelPath);
                    continue;
                }

                try
                {
                    ModelSigningResult result = ModelSigner.SignToFile(modelPath, signer, new ModelSerializationOptions
                    {
                        Method = method,
                        ShardSize = shardSize,
                        AllowSymlinks = AllowSymlinks,
                        IgnorePaths = TaskSupport.Combine(IgnorePaths, TaskSupport.SplitList(TaskSupport.Metadata(model, "IgnorePaths"))),
                    }, TaskSupport.Metadata(model, "SignaturePath"), skipIfUnchanged: true);

                    var item = new TaskItem(result.SignaturePath);
                    item.SetMetadata("ModelPath", modelPath);
                    item.SetMetadata("Updated", result.Written ? "true" : "false");
                    outputs.Add(item);
                    Log.LogMessage(MessageImportance.Normal, result.Written
                        ? $"ShiftLeft: signed '{modelPath}' -> '{result.SignaturePath}'"
                        : $"ShiftLeft: signature '{result.SignaturePath}' is up to date");
                }
                catch (SigningException e)
                {
                    TaskSupport.Error(Log, e.Failure, modelPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    TaskSupport.Error(Log, ErrorCodes.IoError, e.Message, modelPath);
                }
            }
        }

        SignatureFiles = outputs.ToArray();
        return !Log.HasLoggedErrors;
    }

    private bool TryParseOptions(out SerializationMethod method, out long shardSize)
    {
        shardSize = SerializationParameters.DefaultShardSize;
        if (!TryParseMethod(Method, out method))
        {
            TaskSupport.Error(Log, ErrorCodes.InvalidArguments, $"unknown signing method '{Method}' (use files or shards)", null);
            return false;
        }

        if (!string.IsNullOrWhiteSpace(ShardSize) &&
            (!long.TryParse(ShardSize, NumberStyles.None, CultureInfo.InvariantCulture, out shardSize) || shardSize <= 0))
        {
            TaskSupport.Error(Log, ErrorCodes.InvalidArguments, $"shard size '{ShardSize}' is not a positive integer", null);
            return false;
        }

        if (string.IsNullOrWhiteSpace(KeyFile))
        {
            TaskSupport.Error(Log, ErrorCodes.KeyUnreadable, "no signing key given (KeyFile is empty)", null);
            return false;
        }

        return true;
    }

    private static bool TryParseMethod(string? value, out SerializationMethod method)
    {
        switch ((value ?? "files").Trim().ToLowerInvariant())
        {
            case "":
            case "files":
                method = SerializationMethod.Files;
                return true;
            case "shards":
                method = SerializationMethod.Shards;
                return true;
            default:
                method = SerializationMethod.Files;
                return false;
        }
    }
}
