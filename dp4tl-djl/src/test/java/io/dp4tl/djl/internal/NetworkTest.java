package io.dp4tl.djl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.DjlEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkTest {

  @BeforeAll
  static void engine() {
    DjlEngines.prepareThread(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet-8", "resnet-14", "cnn"})
  void givesPooledFeaturesAndLogits(String name) {
    Architecture arch = Architecture.parse(name, 4);
    try (Network net = Network.create(arch, 7, 1);
        NDManager m = net.manager().newSubManager()) {
      NDArray x = m.randomUniform(0, 1, Network.inputShape(3));
      NDArray f = net.features(x, false);
      NDArray logits = net.logits(f, false);
      assertThat(f.getShape().getShape()).containsExactly(3, 16);
      assertThat(logits.getShape().getShape()).containsExactly(3, 7);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet-8", "cnn"})
  void sameSeedSameWeightsOtherSeedOthers(String name) {
    Architecture arch = Architecture.parse(name, 4);
    try (Network a = Network.create(arch, 5, 42);
        Network b = Network.create(arch, 5, 42);
        Network c = Network.create(arch, 5, 43)) {
      assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet-8", "cnn"})
  void roundTripsThroughBytesAndKeepsOutputs(String name) throws IOException {
    Architecture arch = Architecture.parse(name, 4);
    try (Network net = Network.create(arch, 5, 3);
        NDManager m = net.manager().newSubManager()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      net.write(new DataOutputStream(bytes));
      try (Network back = Network.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))) {
        assertThat(back.fingerprint()).isEqualTo(net.fingerprint());
        assertThat(back.describe()).isEqualTo(net.describe());
        NDArray x = m.randomUniform(0, 1, Network.inputShape(2));
        float[] expected = net.logits(net.features(x, false), false).toFloatArray();
        assertThat(back.logits(back.features(x, false), false).toFloatArray()).containsExactly(expected);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet-8", "cnn"})
  void newHeadKeepsTheBackbone(String name) {
    Architecture arch = Architecture.parse(name, 4);
    try (Network net = Network.create(arch, 5, 3); Network other = net.withNewHead(9, 11)) {
      assertThat(other.classCount()).isEqualTo(9);
      assertThat(other.fingerprint(Network.Part.BACKBONE)).isEqualTo(net.fingerprint(Network.Part.BACKBONE));
      assertThat(other.arrays(Network.Part.HEAD, true).get(0).getShape().getShape()).containsExactly(9, 16);
    }
  }
}
