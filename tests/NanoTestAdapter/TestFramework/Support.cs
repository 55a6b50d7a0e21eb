namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }
        public AssertFailedException(string msg) : base(msg) { }
        public AssertFailedException(string msg, Exception ex) : base(msg, ex) { }
    }
}

namespace nanoFramework.TestFramework
{
    public class SkipTestException : Exception
    {
        public SkipTestException(string? message = null, Exception? innerException = null) : base(message, innerException) { }
    }

    /// <summary>Test output; the runner collects it per test case.</summary>
    public static class OutputHelper
    {
        private static readonly AsyncLocal<System.Text.StringBuilder?> Current = new();

        public static void Write(string message) => Sink().Append(message);

        public static void WriteLine(string message) => Sink().Append(message).Append('\n');

        internal static System.Text.StringBuilder BeginCapture()
        {
            var sb = new System.Text.StringBuilder();
            Current.Value = sb;
            return sb;
        }

        private static System.Text.StringBuilder Sink() => Current.Value ??= new System.Text.StringBuilder();
    }

    public static class TestExtensions
    {
        public static bool SequenceEqual(this Array a, Array b)
        {
            if (a is null || b is null) return ReferenceEquals(a, b);
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!Equals(a.GetValue(i), b.GetValue(i))) return false;
            }

            return true;
        }
    }
}
