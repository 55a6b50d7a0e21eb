using System.Reflection;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("SensorNode firmware core tests (nanoFramework.TestFramework)")]
[assembly: AssemblyVersion("0.1.0.0")]
