namespace ShiftLeft.Signing;

/// <summary>
/// Stable SL9xxx codes shared by the library, the <c>shiftleft</c> CLI and the MSBuild tasks.
/// Every code is documented in <c>build/docs/errors.md</c>. Never renumber a shipped code.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Invalid command-line arguments or task parameters.</summary>
    public const string InvalidArguments = "SL9001";
    /// <summary>The model path does not exist or is not a regular file or directory.</summary>
    public const string ModelNotFound = "SL9002";
    /// <summary>A key file is missing, unreadable, not PEM, or the password is wrong.</summary>
    public const string KeyUnreadable = "SL9003";
    /// <summary>The key is encrypted and the password environment variable is not set.</summary>
    public const string KeyPasswordMissing = "SL9004";
    /// <summary>The key is readable but of an unsupported type or curve.</summary>
    public const string UnsupportedKey = "SL9005";
    /// <summary>A certificate file is missing, unreadable or not a PEM certificate.</summary>
    public const string CertificateUnreadable = "SL9006";
    /// <summary>The signature (bundle) file does not exist.</summary>
    public const string SignatureNotFound = "SL9007";
    /// <summary>The bundle is not valid JSON or a field is missing, mistyped or badly encoded.</summary>
    public const string MalformedBundle = "SL9008";
    /// <summary>Unsupported bundle media type, DSSE payload type or statement type.</summary>
    public const string UnsupportedMediaType = "SL9009";
    /// <summary>Unsupported predicate type, serialization method or hash algorithm.</summary>
    public const string UnsupportedPredicate = "SL9010";
    /// <summary>The bundle's verification material does not fit the verification mode.</summary>
    public const string UnsupportedVerificationMaterial = "SL9011";
    /// <summary>The bundle was signed by a different key than the one given.</summary>
    public const string WrongKey = "SL9012";
    /// <summary>The signature does not verify.</summary>
    public const string BadSignature = "SL9013";
    /// <summary>The signing certificate does not chain to a trusted certificate.</summary>
    public const string CertificateUntrusted = "SL9014";
    /// <summary>The signing certificate lacks KU digitalSignature and EKU codeSigning.</summary>
    public const string CertificateUsage = "SL9015";
    /// <summary>The signed subject digest does not match the signed resources or the artifact.</summary>
    public const string SubjectMismatch = "SL9016";
    /// <summary>A model file's digest differs from the signed digest.</summary>
    public const string DigestMismatch = "SL9017";
    /// <summary>The model contains a file that is not covered by the signature.</summary>
    public const string ExtraFile = "SL9018";
    /// <summary>A file covered by the signature is missing from the model.</summary>
    public const string MissingFile = "SL9019";
    /// <summary>The model contains a symbolic link and symlinks are not allowed.</summary>
    public const string SymlinkNotAllowed = "SL9020";
    /// <summary>A path escapes the model root or is not a valid relative POSIX path.</summary>
    public const string PathEscape = "SL9021";
    /// <summary>An I/O error occurred while reading the model or writing an output file.</summary>
    public const string IoError = "SL9022";
    /// <summary>The signed manifest is internally inconsistent (duplicates, bad shard names or ranges).</summary>
    public const string InvalidManifest = "SL9023";

    /// <summary>True for codes that describe bad input (missing files, unreadable keys, I/O) rather than a
    /// signature that failed to verify. The CLI exits with 2 for these and 1 for verification failures.</summary>
    public static bool IsInputError(string code) => code is InvalidArguments or ModelNotFound or KeyUnreadable
        or KeyPasswordMissing or UnsupportedKey or CertificateUnreadable or SignatureNotFound or IoError;

    /// <summary>All codes, in order (used by documentation tests).</summary>
    public static readonly string[] All =
    {
        InvalidArguments, ModelNotFound, KeyUnreadable, KeyPasswordMissing, UnsupportedKey,
        CertificateUnreadable, SignatureNotFound, MalformedBundle, UnsupportedMediaType, UnsupportedPredicate,
        UnsupportedVerificationMaterial, WrongKey, BadSignature, CertificateUntrusted, CertificateUsage,
        SubjectMismatch, DigestMismatch, ExtraFile, MissingFile, SymlinkNotAllowed, PathEscape, IoError,
        InvalidManifest,
    };
}
