using System;
using System.IO;
using System.Linq;
using System.Text;
using ShiftLeft.Signing.Bundle;
using Xunit;

namespace ShiftLeft.Signing.Tests;

public class BundleReaderTests
{
    private const string Hint = "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"h\"}}";
    private const string Env = "\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AAAA\",\"keyid\":\"\"}]}";

    private static SigningException Fails(string json) =>
        Assert.Throws<SigningException>(() => BundleReader.Parse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("v1.1.0-elliptic-key")]
    [InlineData("v1.1.0-certificate")]
    [InlineData("v1.1.0-sigstore")]
    public void WriterReproducesModelSigningBundlesByteForByte(string vector)
    {
        byte[] original = File.ReadAllBytes(TestPaths.OmsTest(vector, "model.sig"));
        byte[] written = BundleWriter.Write(BundleReader.Parse(original));
        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void ReadsTlogEntriesWithInt64AsStringsAndTimestamps()
    {
        SigstoreBundle b = BundleReader.Parse(File.ReadAllBytes(TestPaths.OmsTest("v1.1.0-sigstore", "model.sig")));
        TransparencyLogEntry t = Assert.Single(b.VerificationMaterial.TlogEntries);
        Assert.Equal(598151086, t.LogIndex);
        Assert.Equal(1760062340, t.IntegratedTime);
        Assert.Equal(("dsse", "0.0.1"), (t.Kind, t.Version));
        Assert.NotNull(t.InclusionProof?.Checkpoint);
        Assert.NotEmpty(t.InclusionProof!.Hashes);
        Assert.Single(b.VerificationMaterial.Rfc3161Timestamps);
    }

    [Fact]
    public void AcceptsOlderMediaTypesSnakeCaseNumbersAndUnpaddedBase64()
    {
        string json = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle+json;version=0.2\"," +
                      "\"verification_material\":{\"public_key\":{\"hint\":\"h\"},\"tlog_entries\":[{\"logIndex\":12,\"integratedTime\":\"34\"}]}," +
                      "\"dsseEnvelope\":{\"payload\":\"e30\",\"payloadType\":\"x\",\"signatures\":[{\"sig\":\"_-8\",\"keyid\":null}]}}";
        SigstoreBundle b = BundleReader.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(12, b.VerificationMaterial.TlogEntries[0].LogIndex);
        Assert.Equal(34, b.VerificationMaterial.TlogEntries[0].IntegratedTime);
        Assert.Equal("{}", Encoding.UTF8.GetString(b.DsseEnvelope!.Payload));
        Assert.Equal(new byte[] { 0xff, 0xef }, b.DsseEnvelope.Signatures[0].Sig);
        Assert.Null(b.DsseEnvelope.Signatures[0].KeyId);
        Assert.Equal("application/vnd.dev.sigstore.bundle+json;version=0.1", MediaTypes.BundleV01);
        Assert.Equal(1, MediaTypes.BundleVersion(MediaTypes.BundleV01));
    }

    [Fact]
    public void MissingRepeatedFieldsAreEmpty()
    {
        SigstoreBundle b = BundleReader.Parse(Encoding.UTF8.GetBytes("{\"mediaType\":\"" + MediaTypes.BundleV03 + "\"," + Hint + "," + Env + "}"));
        Assert.Empty(b.VerificationMaterial.TlogEntries);
        Assert.Empty(b.VerificationMaterial.Rfc3161Timestamps);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "'$'")]
    [InlineData("{\"verificationMaterial\":{}}", "'mediaType'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}", "'verificationMaterial'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{}}", "'verificationMaterial'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"," + Hint + "}", "'dsseEnvelope'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"," + Hint + ",\"dsseEnvelope\":{\"payload\":\"!!!\",\"payloadType\":\"x\"}}", "'dsseEnvelope.payload'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"," + Hint + ",\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[{\"sig\":\"A\"}]}}", "'dsseEnvelope.signatures[0].sig'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"," + Hint + ",\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":5}}", "'dsseEnvelope.payloadType'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{},\"tlogEntries\":[{\"logIndex\":\"12x\"}]}," + Env + "}", "'verificationMaterial.tlogEntries[0].logIndex'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"x509CertificateChain\":{\"certificates\":[]}}," + Env + "}", "'verificationMaterial.x509CertificateChain.certificates'")]
    [InlineData("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"," + Hint + "," + Env + ",\"messageSignature\":{\"signature\":\"AAAA\"}}", "both")]
    public void MalformedBundlesNameTheField(string json, string expected)
    {
        SigningException e = Fails(json);
        Assert.Equal(ErrorCodes.MalformedBundle, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void UnknownMediaTypeIsUnsupported()
    {
        SigningException e = Fails("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v9+json\"," + Hint + "," + Env + "}");
        Assert.Equal(ErrorCodes.UnsupportedMediaType, e.Code);
    }

    [Fact]
    public void DeeplyNestedJsonIsRejectedNotOverflowing()
    {
        string json = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(ErrorCodes.MalformedBundle, Fails(json).Code);
    }
}
