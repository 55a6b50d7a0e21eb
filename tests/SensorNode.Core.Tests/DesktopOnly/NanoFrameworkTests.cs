using System.Collections.Generic;
using nanoFramework.TestFramework.Runner;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Core.Tests.DesktopOnly
{
    /// <summary>Every nanoFramework [TestMethod] (and each [DataRow]) of this assembly as its own xunit case.</summary>
    public sealed class NanoFrameworkTests : IClassFixture<NanoFrameworkTests.Session>
    {
        private readonly Session _session;
        private readonly ITestOutputHelper _output;

        public NanoFrameworkTests(Session session, ITestOutputHelper output)
        {
            _session = session;
            _output = output;
        }

        public static IEnumerable<object[]> Cases => NanoTestDiscovery.Cases(typeof(NanoFrameworkTests).Assembly);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Run(NanoTestCase test) => _session.Run(test, _output);

        public sealed class Session : System.IDisposable
        {
            private readonly NanoTestSession _inner = new NanoTestSession(typeof(NanoFrameworkTests).Assembly);

            public void Run(NanoTestCase test, ITestOutputHelper output) => _inner.Run(test, output);

            public void Dispose() => _inner.Dispose();
        }
    }
}
