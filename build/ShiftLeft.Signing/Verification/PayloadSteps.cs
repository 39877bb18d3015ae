using System;
using System.Collections.Generic;
using System.Linq;
using ShiftLeft.Signing.InToto;
using ShiftLeft.Signing.Manifest;

namespace ShiftLeft.Signing.Verification;

/// <summary>Parses the in-toto statement from the exact (already verified) payload bytes.</summary>
public sealed class StatementStep : IVerificationStep
{
    public string Name => "in-toto-statement";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        context.Statement = InTotoStatement.Parse(context.Bundle.DsseEnvelope!.Payload);
        return Steps.Ok;
    }
}

/// <summary>Reads the OMS manifest out of the statement (predicate type, serialization, resources) and checks the
/// subject digest equals the root digest of the resources.</summary>
public sealed class ModelManifestStep : IVerificationStep
{
    public string Name => "model-manifest";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        InTotoStatement st = context.Statement ?? throw new InvalidOperationException("statement not parsed");
        if (!ModelSigningPayload.IsSupportedPredicateType(st.PredicateType))
        {
            return Steps.Fail(ErrorCodes.UnsupportedPredicate,
                $"unsupported predicate type '{st.PredicateType}' (expected '{ModelSigningPayload.PredicateTypeV1}')");
        }

        context.SignedManifest = ModelSigningPayload.ReadManifest(st);
        return Steps.Ok;
    }
}

/// <summary>verify-bundle with a DSSE in-toto bundle: the artifact's SHA-256 must be one of the subjects.</summary>
public sealed class ArtifactSubjectStep : IVerificationStep
{
    public string Name => "artifact-subject";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        InTotoStatement st = context.Statement ?? throw new InvalidOperationException("statement not parsed");
        ArtifactInput artifact = context.Artifact ?? throw new InvalidOperationException("no artifact");
        string hex = artifact.Sha256Hex;
        bool found = st.Subjects.Any(s => s.Digest.TryGetValue("sha256", out string? d) &&
                                          string.Equals(d, hex, StringComparison.OrdinalIgnoreCase));
        return found
            ? Steps.Ok
            : Steps.Fail(ErrorCodes.DigestMismatch,
                $"artifact digest sha256:{hex} is not a subject of the signed statement", artifact.FilePath);
    }
}

/// <summary>Options for checking a model tree against a signed manifest.</summary>
public sealed class ModelVerificationOptions
{
    /// <summary>Extra paths to ignore (absolute, or relative to the model root).</summary>
    public IReadOnlyList<string> IgnorePaths { get; init; } = Array.Empty<string>();

    /// <summary>The signature file; ignored when it lies inside the model.</summary>
    public string? SignaturePath { get; init; }

    /// <summary>At most this many file-level failures are reported.</summary>
    public int MaxReportedFailures { get; init; } = 20;
}

/// <summary>Recomputes the model manifest with the signed serialization parameters and compares: extra files,
/// missing files, then digests (file sets are compared before anything is hashed).</summary>
public sealed class ModelContentStep : IVerificationStep
{
    private readonly string _modelPath;
    private readonly ModelVerificationOptions _options;

    public ModelContentStep(string modelPath, ModelVerificationOptions options)
    {
        _modelPath = modelPath;
        _options = options;
    }

    public string Name => "model-content";

    public IReadOnlyList<Failure> Run(VerificationContext context)
    {
        ModelManifest signed = context.SignedManifest ?? throw new InvalidOperationException("manifest not read");
        SerializationParameters sp = signed.Serialization;
        var ignores = new List<string>(_options.IgnorePaths);
        foreach (string p in sp.IgnorePaths)
        {
            if (ModelPaths.Validate(p, allowDot: false) is null)
            {
                ignores.Add(p);
            }
        }

        ModelPlan plan = ModelSerializer.Plan(_modelPath, new ModelSerializationOptions
        {
            Method = sp.Method,
            ShardSize = sp.ShardSize,
            AllowSymlinks = sp.AllowSymlinks,
            IgnorePaths = ignores,
            SignaturePath = _options.SignaturePath,
        });

        bool shards = sp.Method == SerializationMethod.Shards;
        Dictionary<string, List<ManifestResource>> expected = Group(signed.Resources);
        var failures = new List<Failure>();
        var actualPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (PlannedFile f in plan.Files)
        {
            if (shards && f.Length == 0)
            {
                continue; // empty files have no shards
            }

            actualPaths.Add(f.RelativePath);
            if (!expected.ContainsKey(f.RelativePath))
            {
                failures.Add(new Failure(ErrorCodes.ExtraFile,
                    $"'{f.RelativePath}' is not covered by the signature (extra file)", f.FullPath));
            }
        }

        foreach (string path in expected.Keys.OrderBy(k => k, ModelPaths.ComponentComparer))
        {
            if (!actualPaths.Contains(path))
            {
                failures.Add(new Failure(ErrorCodes.MissingFile,
                    $"'{path}' is signed but missing from the model", FullPath(plan, path)));
            }
        }

        if (shards)
        {
            foreach (PlannedFile f in plan.Files)
            {
                if (f.Length > 0 && expected.TryGetValue(f.RelativePath, out List<ManifestResource>? rs) &&
                    rs[^1].End != f.Length)
                {
                    failures.Add(new Failure(ErrorCodes.DigestMismatch,
                        $"digest mismatch for '{f.RelativePath}': size is {f.Length} bytes, signed size {rs[^1].End}",
                        f.FullPath));
                }
            }
        }

        if (failures.Count > 0)
        {
            return Trim(failures);
        }

        ModelManifest actual = ModelSerializer.Hash(plan, sp);
        Dictionary<string, List<ManifestResource>> got = Group(actual.Resources);
        foreach (PlannedFile f in plan.Files)
        {
            if (!expected.TryGetValue(f.RelativePath, out List<ManifestResource>? want))
            {
                continue;
            }

            List<ManifestResource> have = got.TryGetValue(f.RelativePath, out List<ManifestResource>? h) ? h : new();
            string? diff = Compare(want, have);
            if (diff is not null)
            {
                failures.Add(new Failure(ErrorCodes.DigestMismatch, $"digest mismatch for '{f.RelativePath}'{diff}", f.FullPath));
            }
        }

        return Trim(failures);
    }

    private IReadOnlyList<Failure> Trim(List<Failure> failures) =>
        failures.Count > _options.MaxReportedFailures ? failures.GetRange(0, _options.MaxReportedFailures) : failures;

    private static string FullPath(ModelPlan plan, string rel) =>
        rel == "." ? plan.Root : System.IO.Path.Combine(plan.Root, rel.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static Dictionary<string, List<ManifestResource>> Group(IEnumerable<ManifestResource> resources)
    {
        var d = new Dictionary<string, List<ManifestResource>>(StringComparer.Ordinal);
        foreach (ManifestResource r in resources)
        {
            if (!d.TryGetValue(r.Path, out List<ManifestResource>? list))
            {
                d[r.Path] = list = new List<ManifestResource>();
            }

            list.Add(r);
        }

        foreach (List<ManifestResource> list in d.Values)
        {
            list.Sort((a, b) => (a.Start ?? 0).CompareTo(b.Start ?? 0));
        }

        return d;
    }

    private static string? Compare(List<ManifestResource> want, List<ManifestResource> have)
    {
        if (want.Count != have.Count)
        {
            return $" (signed {want.Count} shards, found {have.Count})";
        }

        for (int i = 0; i < want.Count; i++)
        {
            ManifestResource w = want[i];
            ManifestResource h = have[i];
            if (w.Start != h.Start || w.End != h.End)
            {
                return $" (shard layout differs at '{w.Name}')";
            }

            if (!w.Digest.AsSpan().SequenceEqual(h.Digest))
            {
                return w.IsShard
                    ? $" (shard {w.Start}:{w.End}: expected {w.DigestHex}, found {h.DigestHex})"
                    : $" (expected sha256:{w.DigestHex}, found sha256:{h.DigestHex})";
            }
        }

        return null;
    }
}
