using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShiftLeft.Signing.InToto;
using ShiftLeft.Signing.Manifest;
using Xunit;

namespace ShiftLeft.Signing.Tests;

public class ManifestTests
{
    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();
    private static string Sha(string s) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    [Fact]
    public void PathsAreOrderedByComponents()
    {
        var paths = new List<string> { "a.b", "a-b/c", "a/b", "a/b/c", "a", "B", "a/a" };
        paths.Sort(ModelPaths.ComponentComparer);
        Assert.Equal(new[] { "B", "a", "a/a", "a/b", "a/b/c", "a-b/c", "a.b" }, paths);
    }

    [Fact]
    public void SerializerOrdersFilesByComponentsNotByString()
    {
        using var tmp = new TempDir();
        tmp.Write("a.b", "3");
        tmp.Write("a-b/c", "2");
        tmp.Write("a/b", "1");
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions());
        Assert.Equal(new[] { "a/b", "a-b/c", "a.b" }, m.Resources.Select(r => r.Name));
        Assert.Equal(new[] { Sha("1"), Sha("2"), Sha("3") }, m.Resources.Select(r => r.DigestHex));
        Assert.All(m.Resources, r => Assert.Equal("sha256", r.Algorithm));
    }

    [Fact]
    public void RootDigestIsSha256OverConcatenatedRawDigests()
    {
        using var tmp = new TempDir();
        tmp.Write("x", "hello");
        tmp.Write("y/z", "world");
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions());
        byte[] concat = SHA256.HashData(Encoding.UTF8.GetBytes("hello")).Concat(SHA256.HashData(Encoding.UTF8.GetBytes("world"))).ToArray();
        Assert.Equal(Hex(SHA256.HashData(concat)), Hex(m.RootDigest()));
        // not over the hex text
        Assert.NotEqual(Sha(Sha("hello") + Sha("world")), Hex(m.RootDigest()));
    }

    [Fact]
    public void ShardsAreNamedPathStartEndAndEmptyFilesHaveNone()
    {
        using var tmp = new TempDir();
        tmp.Write("big", "0123456789abcdefghij"); // 20 bytes
        tmp.Write("empty", Array.Empty<byte>());
        tmp.Write("d/small", "xyz");
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions
        {
            Method = SerializationMethod.Shards,
            ShardSize = 8,
        });
        Assert.Equal(new[] { "big:0:8", "big:8:16", "big:16:20", "d/small:0:3" }, m.Resources.Select(r => r.Name));
        Assert.Equal(new[] { Sha("01234567"), Sha("89abcdef"), Sha("ghij"), Sha("xyz") }, m.Resources.Select(r => r.DigestHex));
        Assert.All(m.Resources, r => Assert.Equal("sha256-sharded-8", r.Algorithm));
    }

    [Fact]
    public void ShardsOrderNumericallyByStart()
    {
        using var tmp = new TempDir();
        tmp.Write("f", new byte[25]);
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions { Method = SerializationMethod.Shards, ShardSize = 2 });
        long[] starts = m.Resources.Select(r => r.Start!.Value).ToArray();
        Assert.Equal(starts.OrderBy(s => s).ToArray(), starts);
        Assert.Equal("f:10:12", m.Resources[5].Name); // "10" after "8", not after "1"
    }

    [Fact]
    public void EmptyFileInFilesModeIsHashed()
    {
        using var tmp = new TempDir();
        tmp.Write("empty_file", Array.Empty<byte>());
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions());
        Assert.Equal("empty_file", Assert.Single(m.Resources).Name);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", m.Resources[0].DigestHex);
    }

    [Fact]
    public void SingleFileModelIsNamedDot()
    {
        using var tmp = new TempDir();
        string f = tmp.Write("model.onnx", "abc");
        ModelManifest m = ModelSerializer.Serialize(f, new ModelSerializationOptions());
        Assert.Equal("model.onnx", m.ModelName);
        Assert.Equal(".", Assert.Single(m.Resources).Name);
        ModelManifest s = ModelSerializer.Serialize(f, new ModelSerializationOptions { Method = SerializationMethod.Shards, ShardSize = 2 });
        Assert.Equal(new[] { ".:0:2", ".:2:3" }, s.Resources.Select(r => r.Name));
    }

    [Fact]
    public void DefaultIgnoresAreComponentPrefixesAtTheRoot()
    {
        using var tmp = new TempDir();
        tmp.Write(".git/config", "x");
        tmp.Write(".github/workflows/ci.yml", "x");
        tmp.Write(".gitignore", "x");
        tmp.Write(".gitattributes", "x");
        tmp.Write(".gitfoo", "kept: not a component match");
        tmp.Write("sub/.git/config", "kept: defaults apply at the root only");
        tmp.Write("model.sig", "ignored: the signature");
        tmp.Write("w.bin", "kept");
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions { SignaturePath = tmp.Combine("model.sig") });
        Assert.Equal(new[] { ".gitfoo", "sub/.git/config", "w.bin" }, m.Resources.Select(r => r.Name));
        Assert.Contains("model.sig", m.Serialization.IgnorePaths);
        Assert.Contains(".git", m.Serialization.IgnorePaths);
    }

    [Fact]
    public void UserIgnorePathsMatchComponentsRelativeOrAbsolute()
    {
        using var tmp = new TempDir();
        tmp.Write("data/a", "1");
        tmp.Write("data/b", "1");
        tmp.Write("database", "kept");
        tmp.Write("logs/x", "1");
        tmp.Write("keep/me", "1");
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions
        {
            IgnorePaths = new[] { "data", tmp.Combine("logs"), "./keep/../nothing", "/outside/of/model" },
        });
        Assert.Equal(new[] { "database", "keep/me" }, m.Resources.Select(r => r.Name));
    }

    [Fact]
    public void SymlinkIsAnErrorUnlessAllowed()
    {
        using var tmp = new TempDir();
        string target = tmp.Write("real", "content");
        File.CreateSymbolicLink(tmp.Combine("link"), target);
        var e = Assert.Throws<SigningException>(() => ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions()));
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, e.Code);
        Assert.Contains("link", e.Message);

        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions { AllowSymlinks = true });
        Assert.Equal(new[] { "link", "real" }, m.Resources.Select(r => r.Name));
        Assert.Equal(m.Resources[0].DigestHex, m.Resources[1].DigestHex);
        Assert.True(m.Serialization.AllowSymlinks);
    }

    [Fact]
    public void SymlinkedModelRootIsAnErrorUnlessAllowed()
    {
        using var tmp = new TempDir();
        tmp.Write("m/f", "x");
        Directory.CreateSymbolicLink(tmp.Combine("alias"), tmp.Combine("m"));
        var e = Assert.Throws<SigningException>(() => ModelSerializer.Serialize(tmp.Combine("alias"), new ModelSerializationOptions()));
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, e.Code);
    }

    [Fact]
    public void SymlinkCycleIsReportedNotFollowedForever()
    {
        using var tmp = new TempDir();
        tmp.Write("d/f", "x");
        Directory.CreateSymbolicLink(tmp.Combine("d", "loop"), tmp.Combine("d"));
        var e = Assert.Throws<SigningException>(() => ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions { AllowSymlinks = true }));
        Assert.Equal(ErrorCodes.SymlinkNotAllowed, e.Code);
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void MissingModelIsModelNotFound()
    {
        var e = Assert.Throws<SigningException>(() => ModelSerializer.Serialize("/nonexistent/sl/model", new ModelSerializationOptions()));
        Assert.Equal(ErrorCodes.ModelNotFound, e.Code);
    }

    [Theory]
    [InlineData("../x", "'..' path component")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("a//b", "empty path component")]
    [InlineData("a/./b", "'.' path component")]
    [InlineData("a\\..\\b", "backslash")]
    [InlineData("C:/x", "drive letter")]
    [InlineData("", "empty path")]
    public void InvalidResourceNamesAreRejected(string name, string reason)
    {
        Assert.Contains(reason, ModelPaths.Validate(name, allowDot: true));
    }

    [Fact]
    public void HugePathIsRejected()
    {
        Assert.Contains("longer", ModelPaths.Validate(new string('a', 5000), allowDot: false));
        Assert.Null(ModelPaths.Validate("a/b:c/ünï cödé", allowDot: false));
    }

    [Fact]
    public void PayloadRoundTripsAndRecordsParameters()
    {
        using var tmp = new TempDir();
        tmp.Write("w", new byte[10]);
        ModelManifest m = ModelSerializer.Serialize(tmp.Path, new ModelSerializationOptions { Method = SerializationMethod.Shards, ShardSize = 4 });
        byte[] payload = ModelSigningPayload.Build(m);
        using JsonDocument doc = JsonDocument.Parse(payload);
        JsonElement ser = doc.RootElement.GetProperty("predicate").GetProperty("serialization");
        Assert.Equal("shards", ser.GetProperty("method").GetString());
        Assert.Equal(4, ser.GetProperty("shard_size").GetInt64());
        Assert.Equal("https://model_signing/signature/v1.0", doc.RootElement.GetProperty("predicateType").GetString());

        ModelManifest back = ModelSigningPayload.ReadManifest(InTotoStatement.Parse(payload));
        Assert.Equal(m.Resources.Select(r => r.Name), back.Resources.Select(r => r.Name));
        Assert.Equal(Hex(m.RootDigest()), Hex(back.RootDigest()));
        Assert.Equal(4, back.Serialization.ShardSize);
    }

    [Theory]
    [InlineData("1000000000.0")]
    [InlineData("1000000000")]
    [InlineData("1e9")]
    public void ShardSizeAcceptsIntOrFloat(string literal)
    {
        string payload = Statement("shards", literal, "[]", Sha(""));
        // empty resources → root = sha256("")
        ModelManifest m = ModelSigningPayload.ReadManifest(InTotoStatement.Parse(Encoding.UTF8.GetBytes(payload)));
        Assert.Equal(1_000_000_000, m.Serialization.ShardSize);
    }

    [Fact]
    public void FractionalShardSizeIsMalformed()
    {
        string payload = Statement("shards", "8.5", "[]", Sha(""));
        var e = Assert.Throws<SigningException>(() => ModelSigningPayload.ReadManifest(InTotoStatement.Parse(Encoding.UTF8.GetBytes(payload))));
        Assert.Equal(ErrorCodes.MalformedBundle, e.Code);
        Assert.Contains("shard_size", e.Message);
    }

    [Fact]
    public void SubjectDigestMustEqualRootDigest()
    {
        string resources = $"[{{\"name\":\"a\",\"algorithm\":\"sha256\",\"digest\":\"{Sha("a")}\"}}]";
        string payload = Statement("files", null, resources, Sha("wrong"));
        var e = Assert.Throws<SigningException>(() => ModelSigningPayload.ReadManifest(InTotoStatement.Parse(Encoding.UTF8.GetBytes(payload))));
        Assert.Equal(ErrorCodes.SubjectMismatch, e.Code);
    }

    [Fact]
    public void EscapingResourceNameIsPathEscape()
    {
        byte[] d = SHA256.HashData(Encoding.UTF8.GetBytes("a"));
        string resources = $"[{{\"name\":\"../../etc/passwd\",\"algorithm\":\"sha256\",\"digest\":\"{Hex(d)}\"}}]";
        string payload = Statement("files", null, resources, Hex(SHA256.HashData(d)));
        var e = Assert.Throws<SigningException>(() => ModelSigningPayload.ReadManifest(InTotoStatement.Parse(Encoding.UTF8.GetBytes(payload))));
        Assert.Equal(ErrorCodes.PathEscape, e.Code);
    }

    [Fact]
    public void UnknownPredicateTypeIsUnsupported()
    {
        string payload = Statement("files", null, "[]", Sha("")).Replace("https://model_signing/signature/v1.0", "https://example.com/x");
        var e = Assert.Throws<SigningException>(() => ModelSigningPayload.ReadManifest(InTotoStatement.Parse(Encoding.UTF8.GetBytes(payload))));
        Assert.Equal(ErrorCodes.UnsupportedPredicate, e.Code);
    }

    [Fact]
    public void ShardNameWithColonsInPathParsesFromTheRight()
    {
        (string path, long start, long end) = ModelSigningPayload.ParseShardName("a:b/c:8:16", "x");
        Assert.Equal(("a:b/c", 8L, 16L), (path, start, end));
    }

    /// <summary>Every TestPayload in model-transparency's _signing testdata: subject digest = root of its resources,
    /// shard_size written as a float parses.</summary>
    [Fact]
    public void ModelTransparencyTestPayloadsParseAndRootDigestsMatch()
    {
        string dir = TestPaths.ModelTransparency("tests", "_signing", "testdata", "signing", "TestPayload");
        string[] files = Directory.GetFiles(dir);
        Assert.Equal(21, files.Length);
        foreach (string f in files)
        {
            ModelManifest m = ModelSigningPayload.ReadManifest(InTotoStatement.Parse(File.ReadAllBytes(f)));
            if (Path.GetFileName(f).Contains("small_shards"))
            {
                Assert.Equal(8, m.Serialization.ShardSize);
            }
            else if (Path.GetFileName(f).EndsWith("_shard", StringComparison.Ordinal))
            {
                Assert.Equal(1_000_000_000, m.Serialization.ShardSize);
            }

            // resources are in canonical order in every reference payload
            var names = m.Resources.Select(r => r.Path).ToList();
            var sorted = names.OrderBy(n => n, ModelPaths.ComponentComparer).ToList();
            Assert.Equal(sorted, names);
        }
    }

    private static string Statement(string method, string? shardSize, string resources, string subjectHex) =>
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m\",\"digest\":{\"sha256\":\"" + subjectHex + "\"}}]," +
        "\"predicateType\":\"https://model_signing/signature/v1.0\",\"predicate\":{\"serialization\":{\"method\":\"" + method +
        "\",\"hash_type\":\"sha256\",\"allow_symlinks\":false" + (shardSize is null ? "" : ",\"shard_size\":" + shardSize) +
        "},\"resources\":" + resources + "}}";
}
