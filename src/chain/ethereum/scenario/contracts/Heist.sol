// SPDX-License-Identifier: Apache-2.0
// Small contracts for Bulwark's ingestion tests and heist scenario. Deliberately simple: they exist to
// produce the on-chain shapes laundering leaves (internal transfers, token transfers, pooled funds,
// events), not to be safe for real money.
pragma solidity 0.8.37;

contract Token {
    string public name;
    string public symbol;
    uint8 public decimals;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    function mint(address to, uint256 value) external {
        totalSupply += value;
        balanceOf[to] += value;
        emit Transfer(address(0), to, value);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        require(allowance[from][msg.sender] >= value, "allowance");
        allowance[from][msg.sender] -= value;
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) internal {
        require(balanceOf[from] >= value, "balance");
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}

/// A token with neither symbol() nor decimals(): ingestion must tolerate it.
contract BareToken {
    mapping(address => uint256) public balanceOf;
    event Transfer(address indexed from, address indexed to, uint256 value);

    function mint(address to, uint256 value) external {
        balanceOf[to] += value;
        emit Transfer(address(0), to, value);
    }
}

/// Sends what it receives on to several addresses: internal transfers through a contract.
contract Splitter {
    function split(address payable[] calldata to, uint256[] calldata amounts) external payable {
        uint256 total;
        for (uint256 i = 0; i < to.length; i++) {
            total += amounts[i];
            (bool ok, ) = to[i].call{value: amounts[i]}("");
            require(ok, "send");
        }
        require(total == msg.value, "total");
    }

    /// Forwards to `good`, then tries `bad` (which reverts) and swallows the failure: the second
    /// transfer is a reverted frame inside a successful transaction.
    function forwardAndTry(address payable good, address bad) external payable {
        (bool ok, ) = good.call{value: msg.value / 2}("");
        require(ok, "send");
        try Rejecter(bad).take{value: msg.value - msg.value / 2}() {} catch {}
    }

    function mustFail(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "send");
        revert("always");
    }

    receive() external payable {}
}

contract Rejecter {
    function take() external payable {
        revert("no");
    }
}

/// Creates a child contract with value: an internal creation.
contract Factory {
    event Made(address child);

    function make() external payable returns (address) {
        Vault child = new Vault{value: msg.value}(msg.sender);
        emit Made(address(child));
        return address(child);
    }
}

contract Vault {
    address payable public owner;

    constructor(address owner_) payable {
        owner = payable(owner_);
    }

    function release(address payable to, uint256 value) external {
        require(msg.sender == owner, "owner");
        (bool ok, ) = to.call{value: value}("");
        require(ok, "send");
    }
}

/// Fixed-denomination pool: deposit with a note hash, withdraw later to any address with the note.
contract Mixer {
    uint256 public immutable denomination;
    mapping(bytes32 => bool) public notes;
    mapping(bytes32 => bool) public spent;

    event Deposit(bytes32 indexed noteHash);
    event Withdrawal(address to, bytes32 nullifier);

    constructor(uint256 denomination_) {
        denomination = denomination_;
    }

    function deposit(bytes32 noteHash) external payable {
        require(msg.value == denomination, "denomination");
        require(!notes[noteHash], "note");
        notes[noteHash] = true;
        emit Deposit(noteHash);
    }

    /// The hash a depositor commits to; computed here so off-chain code needs no keccak.
    function hashNote(bytes32 note) external pure returns (bytes32) {
        return keccak256(abi.encodePacked(note));
    }

    function withdraw(bytes32 note, address payable to) external {
        bytes32 h = keccak256(abi.encodePacked(note));
        require(notes[h] && !spent[h], "note");
        spent[h] = true;
        (bool ok, ) = to.call{value: denomination}("");
        require(ok, "send");
        emit Withdrawal(to, h);
    }
}

/// Constant-rate swap between ether and one token (rate: token units per wei, scaled by 1e18).
contract Swap {
    Token public immutable token;
    uint256 public immutable rate;

    event Swapped(address who, uint256 ethIn, uint256 tokenOut, uint256 tokenIn, uint256 ethOut);

    constructor(Token token_, uint256 rate_) payable {
        token = token_;
        rate = rate_;
    }

    function ethToToken() external payable {
        uint256 out = (msg.value * rate) / 1e18;
        require(token.transfer(msg.sender, out), "token");
        emit Swapped(msg.sender, msg.value, out, 0, 0);
    }

    function tokenToEth(uint256 amount) external {
        uint256 out = (amount * 1e18) / rate;
        require(token.transferFrom(msg.sender, address(this), amount), "token");
        (bool ok, ) = payable(msg.sender).call{value: out}("");
        require(ok, "send");
        emit Swapped(msg.sender, 0, 0, amount, out);
    }

    receive() external payable {}
}

/// Escrow that locks funds for release on another chain, identified by a destination tag.
contract Bridge {
    event Locked(address indexed from, address asset, uint256 value, bytes32 destination);

    function lock(bytes32 destination) external payable {
        require(msg.value > 0, "value");
        emit Locked(msg.sender, address(0), msg.value, destination);
    }

    function lockToken(Token token, uint256 value, bytes32 destination) external {
        require(token.transferFrom(msg.sender, address(this), value), "token");
        emit Locked(msg.sender, address(token), value, destination);
    }
}
